#include <stdio.h>

void saxpy(float a, const float *x, float *y, int n);
int dot_i32(const int *a, const int *b, int n);
void clamp_u8(const unsigned char *in, unsigned char *out, int n, unsigned char lo, unsigned char hi);

static float x[1003], y[1003];
static int a[77], b[77];
static unsigned char in[100], out[100];

int main(void) {
  for (int i = 0; i < 1003; i++) { x[i] = (float)i * 0.5f; y[i] = (float)(1003 - i); }
  saxpy(2.0f, x, y, 1003);
  double s = 0;
  for (int i = 0; i < 1003; i++) s += y[i];
  printf("saxpy sum %.1f y[0]=%.1f y[1002]=%.1f\n", s, (double)y[0], (double)y[1002]);
  for (int i = 0; i < 77; i++) { a[i] = i - 30; b[i] = 3 * i + 1; }
  printf("dot %d\n", dot_i32(a, b, 77));
  for (int i = 0; i < 100; i++) in[i] = (unsigned char)(i * 37);
  clamp_u8(in, out, 100, 40, 200);
  unsigned h = 0;
  for (int i = 0; i < 100; i++) h = h * 31 + out[i];
  printf("clamp hash %08x first %d %d %d\n", h, out[0], out[1], out[2]);
  return 0;
}
