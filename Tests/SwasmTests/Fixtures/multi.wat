;; Multi-value results, v128, f32 NaN payloads, globals and i64 arithmetic through the API.
(module
  (global $counter (export "counter") (mut i32) (i32.const 40))
  (func (export "swap") (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 2)))
    (global.get $counter))
  (func (export "nan_payload") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "v128_add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
  (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
)
