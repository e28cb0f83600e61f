;; A WASI command that grows its memory page by page until memory.grow fails, then traps:
;; with the server's memory limit it stops at that limit.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $more (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    unreachable))
