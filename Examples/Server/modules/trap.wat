;; A WASI command that traps at once (the server answers 500 with the trap's message).
(module
  (memory (export "memory") 1)
  (func (export "_start") unreachable))
