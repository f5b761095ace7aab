#include <stdio.h>
#include <stdlib.h>
static int calls;
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n) { calls++; return __real_malloc(n); }
int main(void) {
  char *p = malloc(32);
  char *q = malloc(64);
  p[0] = 'x'; q[0] = 'y';
  printf("wrapped malloc calls: %d, %c%c\n", calls, p[0], q[0]);
  return 0;
}
