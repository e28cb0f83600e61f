;; Host imports: a callback with arguments and results, memory access through the caller.
(module
  (import "host" "add" (func $add (param i32 i64) (result i64)))
  (import "host" "fill" (func $fill (param i32 i32)))
  (import "host" "echo_ref" (func $echo_ref (param externref) (result externref)))
  (memory (export "memory") 1)
  (func (export "call_add") (param i32 i64) (result i64) (call $add (local.get 0) (local.get 1)))
  (func (export "call_fill") (param i32 i32) (result i32)
    (call $fill (local.get 0) (local.get 1))
    (i32.load8_u (local.get 0)))
  (func (export "round_trip") (param externref) (result externref) (call $echo_ref (local.get 0)))
  (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
)
