#include <math.h>
#include <stdint.h>
#include <stdio.h>

void log_line(const char *fmt, ...);
long long sum_ll(int n, ...);
double mean(int n, ...);
struct pair { int a; double b; };
int sum_pairs(int n, ...);

int main(void) {
  printf("ints: %d %i %u %x %X %o %c %% %s\n", -42, 42, 3000000000u, 0xbeef, 0xbeef, 511, 'Z', "str");
  printf("widths: [%5d] [%-5d] [%05d] [%+d] [% d] [%*d] [%-*d]\n", 42, 42, 42, 42, 42, 6, 7, 6, 7);
  printf("sizes: %hhd %hd %ld %lld %llu %zu %jd %td\n", (signed char)200, (short)70000, -123456789L,
         -1234567890123456789LL, 18446744073709551615ULL, (size_t)123456, (intmax_t)-99, (ptrdiff_t)-5);
  printf("hex: %#x %#o %08.3x %llx\n", 255, 8, 0x1f, 0x123456789abcdefULL);
  printf("strings: [%10s] [%-10s] [%.3s] [%.*s] [%c%c]\n", "right", "left", "truncate", 4, "precision", 'o', 'k');
  printf("floats: %f %.3f %10.4f %-10.2f| %+.1f %.0f %.0f\n", 3.14159265, 2.71828, 1.5, -0.25, 9.99, 2.5, 3.5);
  printf("exp: %e %.2e %E %g %g %g %G\n", 123456.789, 0.000123, 1e-10, 100000.0, 1000000.0, 0.0001, 1e-5);
  printf("hexfloat: %a %A %.2a\n", 1.0, 0.1, 3.14159);
  printf("special: %f %f %f %e %g\n", INFINITY, -INFINITY, NAN, 0.0, -0.0);
  printf("long double: %Lf %.20Lg %Le\n", 1.0L / 3, 2.0L / 3, 1e300L * 1e10L);
  printf("float as double: %.9g %.17g\n", (double)0.1f, 0.1);
  long long s = sum_ll(5, 1LL, 2LL, 3LL, 4000000000LL, -5LL);
  printf("sum_ll=%lld mean=%.4f\n", s, mean(4, 1.5, 2.5, 3.25, 10.0));
  struct pair p1 = {2, 1.5}, p2 = {3, 2.5};
  printf("sum_pairs=%d\n", sum_pairs(2, p1, p2));
  log_line("plain");
  log_line("%s=%d", "x", 17);
  log_line("%8.3f|%-8.3e|%g", 1234.5678, 0.000987, 1e20);
  log_line("%lu %ld %c", 4294967295UL, -1L, 65);
  char small[8];
  int n = snprintf(small, sizeof small, "%s", "truncated output");
  printf("snprintf returned %d, kept \"%s\"\n", n, small);
  return 0;
}
