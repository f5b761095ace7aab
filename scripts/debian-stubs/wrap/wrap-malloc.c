/* For --wrap=malloc --wrap=free: counts calls, reported at exit on stderr. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
void *__real_malloc(size_t n);
void __real_free(void *p);
static unsigned long mallocs, frees;
static void report(void) { fprintf(stderr, "wrap: %lu mallocs, %lu frees\n", mallocs, frees); }
void *__wrap_malloc(size_t n) {
  if (mallocs++ == 0) atexit(report);
  return __real_malloc(n);
}
void __wrap_free(void *p) { if (p) frees++; __real_free(p); }
