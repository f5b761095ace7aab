#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int main(void) {
  int v[20];
  unsigned seed = 12345;
  for (int i = 0; i < 20; i++) { seed = seed * 1103515245 + 12345; v[i] = (seed >> 16) % 1000; }
  qsort(v, 20, sizeof v[0], cmp_int);
  for (int i = 0; i < 20; i++) printf("%d%c", v[i], i == 19 ? '\n' : ' ');
  int key = v[13];
  int *found = bsearch(&key, v, 20, sizeof v[0], cmp_int);
  printf("bsearch %d at index %d\n", key, found ? (int)(found - v) : -1);

  char *end;
  printf("strtol: %ld %ld %ld\n", strtol("  -123xyz", &end, 10), strtol("ff", NULL, 16), strtol("0777", NULL, 0));
  printf("rest after strtol: \"%s\"\n", end);
  printf("strtod: %.6g %.6g atoi: %d\n", strtod("3.5e2", NULL), strtod("-0.125", NULL), atoi("  42abc"));

  char csv[] = "one,two,,three;four";
  for (char *tok = strtok(csv, ",;"); tok; tok = strtok(NULL, ",;")) printf("<%s>", tok);
  printf("\n");

  char buf[32] = "abcdefghij";
  memmove(buf + 2, buf, 6);
  printf("memmove: %s\n", buf);

  size_t cap = 4, len = 0;
  int *dyn = malloc(cap * sizeof *dyn);
  for (int i = 0; i < 1000; i++) {
    if (len == cap) { cap *= 2; dyn = realloc(dyn, cap * sizeof *dyn); }
    dyn[len++] = i * i;
  }
  long long acc = 0;
  for (size_t i = 0; i < len; i++) acc += dyn[i];
  free(dyn);
  printf("realloc'd %zu ints (capacity %zu), sum %lld\n", len, cap, acc);

  const char *mixed = "Hello, World 123!";
  int up = 0, lo = 0, dg = 0, sp = 0;
  for (const char *p = mixed; *p; p++) { up += isupper((unsigned char)*p) != 0; lo += islower((unsigned char)*p) != 0;
    dg += isdigit((unsigned char)*p) != 0; sp += isspace((unsigned char)*p) != 0; }
  printf("ctype: upper %d lower %d digit %d space %d\n", up, lo, dg, sp);

  printf("math: %.6f %.6f %.6f %.6f\n", sqrt(2.0), sin(1.0), cos(1.0), atan2(1.0, -1.0));
  printf("math: %.6f %.6f %.6f %.6f\n", pow(2.0, 0.5), exp(1.0), log(10.0), log10(12345.0));
  printf("math: %.1f %.1f %.1f %.3f %.3f\n", floor(-2.5), ceil(-2.5), round(2.5), fmod(10.0, 3.3), hypot(3.0, 4.0));
  printf("math float: %.5f %.5f\n", (double)sqrtf(3.0f), (double)expf(0.5f));
  return 0;
}
