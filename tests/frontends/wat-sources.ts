// .wat module bodies shared by the front-end tests (tests/frontends/wat.test.ts) and the -r round trip
// of every instruction class (tests/units/relocatable-classes.test.ts).

/** SIMD: every v128.const shape, shuffle, lanes, loads and stores, lane loads. */
export const SIMD_SOURCE = `
      (memory 1)
      (func (export "lanes") (param i32) (result i32)
        (i32x4.extract_lane 3
          (i32x4.replace_lane 0 (i32x4.add (v128.const i32x4 1 2 3 4) (i32x4.splat (local.get 0))) (i32.const 100))))
      (func (export "shapes") (result i64)
        (i64.add
          (i64.add (i64.extend_i32_u (i8x16.extract_lane_u 15 (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)))
                   (i64.extend_i32_s (i16x8.extract_lane_s 7 (v128.const i16x8 0 0 0 0 0 0 0 0x8000))))
          (i64.add (i64x2.extract_lane 1 (v128.const i64x2 0 -0x8000000000000000))
                   (i64.trunc_f64_s (f64.add (f64x2.extract_lane 0 (v128.const f64x2 0x1p4 0))
                                             (f64.promote_f32 (f32x4.extract_lane 3 (v128.const f32x4 0 0 0 -2.5))))))))
      (func (export "shuf") (param $p i32) (result i32) (local $v v128)
        (v128.store offset=16 (local.get $p)
          (i8x16.shuffle 31 0 30 1 29 2 28 3 16 16 16 16 15 15 15 15
            (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
            (v128.const i8x16 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31)))
        (local.set $v (v128.load offset=16 align=4 (local.get $p)))
        (i32.add
          (i32.add
            (i8x16.extract_lane_u 5 (v128.load8_lane offset=17 5 (local.get $p) (local.get $v)))
            (i32x4.extract_lane 0 (v128.load32_zero offset=16 (local.get $p))))
          (block (result i32)
            (v128.store16_lane offset=40 align=1 6 (local.get $p) (local.get $v))
            (i32.load16_u offset=40 (local.get $p)))))
      (func (export "fmul") (param f32) (result f32)
        local.get 0
        f32x4.splat
        v128.const f32x4 1 2 3 4
        f32x4.mul
        f32x4.extract_lane 2)
      (func (export "bits") (param i32) (result i32)
        (i8x16.bitmask (i8x16.eq (i8x16.splat (local.get 0)) (v128.const i8x16 7 0 7 0 7 0 7 0 7 0 7 0 7 0 7 7))))`;

/** Bulk memory, multivalue blocks and results, atomics, reference types. */
export const POST_MVP_SOURCE = `
      (memory 1)
      (type $pair (func (result i32 i32)))
      (type $ii (func (param i32) (result i32)))
      (table $t 4 funcref)
      (elem declare func $sq)
      (func (export "fillcopy") (param $p i32) (result i64)
        (memory.fill (local.get $p) (i32.const 0xab) (i32.const 4))
        (memory.copy (i32.add (local.get $p) (i32.const 2)) (local.get $p) (i32.const 4))
        (i64.load (local.get $p)))
      (func (export "swap") (param i32 i32) (result i32 i32) local.get 1 local.get 0)
      (func (export "blocksub") (param i32 i32) (result i32)
        (local.get 0) (local.get 1) (block (param i32 i32) (result i32) i32.sub)
        (local.get 1) (local.get 0) (block $b (param i32 i32) (result i32) (br $b (i32.sub)))
        i32.mul)
      (func (export "ifpair") (param i32) (result i32)
        (if (type $pair) (local.get 0) (then (i32.const 3) (i32.const 4)) (else (i32.const 30) (i32.const 40)))
        i32.add)
      (func (export "looppar") (param $n i32) (result i32)
        i32.const 0
        local.get $n
        loop $l (param i32 i32) (result i32)
          local.tee $n
          i32.add
          local.get $n
          i32.const 1
          i32.sub
          local.tee $n
          local.get $n
          br_if $l
          drop
        end)
      (func (export "atom") (param $p i32) (result i32) (local $acc i32)
        (i32.atomic.store (local.get $p) (i32.const 5))
        (local.set $acc (i32.atomic.rmw.add (local.get $p) (i32.const 3)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.atomic.rmw.cmpxchg offset=0 align=4 (local.get $p) (i32.const 8) (i32.const 100))))
        atomic.fence
        (i32.add (i32.add (i32.atomic.load (local.get $p)) (local.get $acc))
                 (memory.atomic.notify (local.get $p) (i32.const 1))))
      (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
      (func (export "viaref") (param i32) (result i32)
        (table.set $t (i32.const 0) (ref.func $sq))
        (call_indirect $t (type $ii) (local.get 0) (i32.const 0)))
      (func (export "nulls") (result i32)
        (i32.add (ref.is_null (ref.null func)) (ref.is_null (ref.null extern))))
      (func (export "grow") (result i32)
        (drop (table.grow $t (ref.null func) (i32.const 2)))
        (table.fill 0 (i32.const 1) (ref.func $sq) (i32.const 1))
        (i32.add (table.size) (call_indirect (type $ii) (i32.const 3) (i32.const 1))))
      (func (export "sel") (param i32) (result i32)
        (select (result i32) (i32.const 10) (i32.const 20) (local.get 0)))`;
