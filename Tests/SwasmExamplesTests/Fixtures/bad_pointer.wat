;; Calls the demo's host.get_input with a pointer past the end of memory.
(module
  (import "host" "get_input_size" (func $size (result i32)))
  (import "host" "get_input" (func $get (param i32)))
  (import "host" "set_output" (func $set (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "_initialize"))
  (func (export "run") (result i32)
    (call $get (i32.sub (i32.const 65536) (i32.const 4)))
    (i32.const 0))
)
