#include <stdarg.h>
#include <stdio.h>

static int line_no;

/* Formats into a buffer twice (va_copy) to check the length first. */
void log_line(const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  char buf[256];
  int n = vsnprintf(NULL, 0, fmt, ap);
  vsnprintf(buf, sizeof buf, fmt, ap2);
  va_end(ap2);
  va_end(ap);
  printf("%03d (%2d) %s\n", ++line_no, n, buf);
}

long long sum_ll(int n, ...) {
  va_list ap;
  va_start(ap, n);
  long long s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, long long);
  va_end(ap);
  return s;
}

double mean(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, double);
  va_end(ap);
  return s / n;
}

struct pair { int a; double b; };
int sum_pairs(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) { struct pair p = va_arg(ap, struct pair); s += p.a * p.b; }
  va_end(ap);
  return (int)s;
}
