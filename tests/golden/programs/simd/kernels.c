#include <wasm_simd128.h>

/* Auto-vectorised by the compiler at -O2. */
void saxpy(float a, const float *x, float *y, int n) {
  for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

int dot_i32(const int *a, const int *b, int n) {
  v128_t acc = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4) acc = wasm_i32x4_add(acc, wasm_i32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
  int s = wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) + wasm_i32x4_extract_lane(acc, 2) +
          wasm_i32x4_extract_lane(acc, 3);
  for (; i < n; i++) s += a[i] * b[i];
  return s;
}

void clamp_u8(const unsigned char *in, unsigned char *out, int n, unsigned char lo, unsigned char hi) {
  v128_t vlo = wasm_u8x16_splat(lo), vhi = wasm_u8x16_splat(hi);
  int i = 0;
  for (; i + 16 <= n; i += 16) wasm_v128_store(out + i, wasm_u8x16_min(wasm_u8x16_max(wasm_v128_load(in + i), vlo), vhi));
  for (; i < n; i++) out[i] = in[i] < lo ? lo : in[i] > hi ? hi : in[i];
}
