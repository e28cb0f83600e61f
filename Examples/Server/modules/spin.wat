;; A WASI command that never ends (the server stops it with its fuel or time limit).
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))
