;; values.wat - a small component for `swasm run --invoke` tests (Tests/SwasmCLITests):
;; a function inside an exported instance, floats and chars, and an option and a result
;; returned through a return area.
;;
;;   export math: interface { add: func(a: u32, b: u32) -> u32; }
;;   export scale: func(x: f64, by: f32) -> f64;
;;   export next-char: func(c: char) -> char;
;;   export checked-div: func(a: s32, b: s32) -> result<s32, string>;   ; err("division by zero")
;;   export find: func(xs: list<u8>, x: u8) -> option<u32>;             ; the index of x
(component
  (core module $m
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (data (i32.const 16) "division by zero")
    (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "scale") (param f64 f32) (result f64) (f64.mul (local.get 0) (f64.promote_f32 (local.get 1))))
    (func (export "next-char") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    ;; result<s32, string>: the return area holds the case (0 ok, 1 err) at 0, the payload at 4.
    (func (export "checked-div") (param $a i32) (param $b i32) (result i32)
      (if (i32.eqz (local.get $b))
        (then
          (i32.store (i32.const 0) (i32.const 1))
          (i32.store (i32.const 4) (i32.const 16))
          (i32.store (i32.const 8) (i32.const 16)))
        (else
          (i32.store (i32.const 0) (i32.const 0))
          (i32.store (i32.const 4) (i32.div_s (local.get $a) (local.get $b)))))
      (i32.const 0))
    ;; option<u32>: case at 0, value at 4.
    (func (export "find") (param $xs i32) (param $n i32) (param $x i32) (result i32)
      (local $i i32)
      (i32.store (i32.const 0) (i32.const 0))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (if (i32.eq (i32.load8_u (i32.add (local.get $xs) (local.get $i))) (local.get $x))
            (then
              (i32.store (i32.const 0) (i32.const 1))
              (i32.store (i32.const 4) (local.get $i))
              (br $done)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (i32.const 0)))
  (core instance $i (instantiate $m))

  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (instance $math (export "add" (func $add)))
  (export "math" (instance $math))
  (func (export "scale") (param "x" f64) (param "by" f32) (result f64) (canon lift (core func $i "scale")))
  (func (export "next-char") (param "c" char) (result char) (canon lift (core func $i "next-char")))
  (func (export "checked-div") (param "a" s32) (param "b" s32) (result (result s32 (error string)))
    (canon lift (core func $i "checked-div") (memory (core memory $i "memory")) string-encoding=utf8))
  (func (export "find") (param "xs" (list u8)) (param "x" u8) (result (option u32))
    (canon lift (core func $i "find") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")))))
