#include <math.h>
#include <stdint.h>
#include <stdio.h>

extern int counter, init_marker;
extern const int table[11];
extern const char *const descriptions[4];

__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }

__attribute__((export_name("fib"))) int fib(int n) {
  int a = 0, b = 1;
  while (n-- > 0) { int t = a + b; a = b; b = t; }
  return a;
}

__attribute__((export_name("counter_inc"))) int counter_inc(void) { return ++counter; }
__attribute__((export_name("counter_get"))) int counter_get(void) { return counter; }
__attribute__((export_name("mul64"))) int64_t mul64(int64_t a, int64_t b) { return a * b; }
__attribute__((export_name("hypot2"))) double hypot2(double x, double y) { return sqrt(x * x + y * y); }
__attribute__((export_name("greeting"))) const char *greeting(void) { return "hello from the reactor"; }
__attribute__((export_name("initialized"))) int initialized(void) { return init_marker; }

__attribute__((export_name("sum_table"))) unsigned sum_table(void) {
  unsigned s = 0; /* wraps: 11 digits do not fit */
  for (int i = 0; i < 11; i++) s = s * 10 + table[i] % 10;
  return s;
}

static char buf[64];
__attribute__((export_name("describe"))) const char *describe(int i) {
  snprintf(buf, sizeof buf, "#%d is %s (counter %d)", i, descriptions[i & 3], counter);
  return buf;
}
