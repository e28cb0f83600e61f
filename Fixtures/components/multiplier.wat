;; multiplier.wat - the demos' multiplier as a component: a record in, a list<string> out,
;; no JSON. `multiply({name: "Rust", num: 3})` returns ["Rust", "Rust", "Rust"] ("name"
;; repeated "num" times, as the other demos do); a negative num traps (unreachable).
;;
;;   multiply: func(input: input) -> list<string>, with record input { name: string, num: s32 }
;;
;; The Canonical ABI glue is written by hand (no wit-bindgen here):
;; - the record is passed flat: the name's pointer and length (the host copied the bytes in
;;   with cabi_realloc) and num;
;; - list<string> does not fit in one flat result, so multiply returns a pointer to
;;   (elements, count) and each element is a (pointer, length) pair: all point at the input
;;   name's bytes, which stay valid until post-return;
;; - cabi_realloc is a bump allocator; cabi_post_multiply (post-return) frees everything.
;;
;; Built by `make components`: wasm-tools parse, then wasm-tools validate.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))

    ;; cabi_realloc(old, old_size, align, new_size) -> pointer: bump allocation, aligned.
    (func $realloc (export "cabi_realloc")
      (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (if (i32.and (i32.ne (local.get $old) (i32.const 0))
                   (i32.le_u (local.get $new_size) (local.get $old_size)))
        (then (return (local.get $old))))
      ;; p = align_up(heap, align)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $heap (i32.add (local.get $p) (local.get $new_size)))
      ;; grow the memory when the new end is past it
      (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
        (then
          (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
                                                      (i32.const 0xffff))
                                             (i32.const 16)))
                      (i32.const -1))
            (then unreachable))))
      (if (i32.ne (local.get $old) (i32.const 0))
        (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))

    ;; multiply(name_ptr, name_len, num) -> pointer to (elements, count)
    (func (export "multiply") (param $name i32) (param $len i32) (param $num i32) (result i32)
      (local $ret i32) (local $elements i32) (local $i i32)
      (if (i32.lt_s (local.get $num) (i32.const 0)) (then unreachable))
      (local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
      (local.set $elements (call $realloc (i32.const 0) (i32.const 0) (i32.const 4)
                                          (i32.shl (local.get $num) (i32.const 3))))
      (block $done
        (loop $each
          (br_if $done (i32.ge_u (local.get $i) (local.get $num)))
          (i32.store (i32.add (local.get $elements) (i32.shl (local.get $i) (i32.const 3))) (local.get $name))
          (i32.store offset=4 (i32.add (local.get $elements) (i32.shl (local.get $i) (i32.const 3))) (local.get $len))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $each)))
      (i32.store (local.get $ret) (local.get $elements))
      (i32.store offset=4 (local.get $ret) (local.get $num))
      (local.get $ret))

    ;; post-return: the host has read the result; everything allocated is garbage now.
    (func (export "cabi_post_multiply") (param i32)
      (global.set $heap (i32.const 1024))))

  (core instance $i (instantiate $m))

  (type $input-record (record (field "name" string) (field "num" s32)))
  ;; A type named at the world level: WIT worlds import their types.
  (import "input" (type $input (eq $input-record)))
  (func (export "multiply") (param "input" $input) (result (list string))
    (canon lift (core func $i "multiply")
      (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")) string-encoding=utf8
      (post-return (core func $i "cabi_post_multiply")))))
