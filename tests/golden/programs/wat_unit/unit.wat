;; A hand-written compiler unit (see docs/compiler-units.md for the conventions).
(module
  (import "env" "puts" (func $puts (param i32) (result i32)))
  (import "env" "printf" (func $printf (param i32 i32) (result i32)))
  (import "env" "c_square" (func $c_square (param i32) (result i32)))
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (import "env" "__indirect_function_table" (table 0 funcref))
  (import "env" "memory" (memory 0))

  (data $greeting (@rodata) "hello from unit.wat\00")
  (data $fmt (@rodata) "  %d squared is %d\0a\00")
  ;; A table of function pointers: the linker fills in table slots.
  (data $ops (@rodata) (@align 4) (i32 $double $negate))

  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $negate (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func $never_called (result i32) (i32.const 42))

  (func (export "wat_greet")
    (drop (call $puts (i32.const $greeting))))

  ;; Returns a function address (its table slot) that C calls through.
  (func (export "wat_get_op") (param $i i32) (result i32)
    (i32.load (i32.add (i32.const $ops) (i32.shl (local.get $i) (i32.const 2)))))

  ;; sum of c_square(i) for i in 1..n, printing each through printf; the varargs live in a
  ;; 16-byte frame on the C stack.
  (func (export "wat_sum_squares") (param $n i32) (result i32)
    (local $frame i32) (local $i i32) (local $sum i32) (local $sq i32)
    (global.set $sp (local.tee $frame (i32.sub (global.get $sp) (i32.const 16))))
    (local.set $i (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (local.get $i) (local.get $n)))
        (local.set $sq (call $c_square (local.get $i)))
        (local.set $sum (i32.add (local.get $sum) (local.get $sq)))
        (i32.store (local.get $frame) (local.get $i))
        (i32.store offset=4 (local.get $frame) (local.get $sq))
        (drop (call $printf (i32.const $fmt) (local.get $frame)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $sp (i32.add (local.get $frame) (i32.const 16)))
    (local.get $sum))
)
