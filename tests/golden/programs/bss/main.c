#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern unsigned int big_words[512 * 1024];
extern int guard_values[4];
static unsigned char big_bytes[1 << 20];  /* 1 MiB, static */
static long long zero_counters[1000];

static unsigned checksum(const unsigned char *p, size_t n) {
  unsigned h = 0;
  for (size_t i = 0; i < n; i++) h = h * 31 + p[i];
  return h;
}

int main(void) {
  size_t nonzero = 0;
  for (size_t i = 0; i < sizeof big_bytes; i++) nonzero += big_bytes[i] != 0;
  for (size_t i = 0; i < 512 * 1024; i++) nonzero += big_words[i] != 0;
  for (size_t i = 0; i < 1000; i++) nonzero += zero_counters[i] != 0;
  printf("nonzero bytes at start: %zu\n", nonzero);

  for (size_t i = 0; i < sizeof big_bytes; i++) big_bytes[i] = (unsigned char)(i * 7 + 3);
  for (size_t i = 0; i < 512 * 1024; i++) big_words[i] = (unsigned)i * 2654435761u;
  zero_counters[999] = 1234567890123LL;
  printf("checksum bytes: %08x\n", checksum(big_bytes, sizeof big_bytes));
  printf("checksum words: %08x\n", checksum((const unsigned char *)big_words, sizeof big_words));
  printf("last counter: %lld\n", zero_counters[999]);
  printf("guards: %08x %08x %08x %08x\n", guard_values[0], guard_values[1], guard_values[2], guard_values[3]);

  /* Heap allocations beyond the initial memory make it grow. */
  size_t total = 0;
  for (int i = 0; i < 8; i++) {
    size_t n = (size_t)(i + 1) << 20;
    unsigned char *p = malloc(n);
    if (!p) { printf("malloc failed\n"); return 1; }
    memset(p, i, n);
    total += p[n - 1] + n;
    free(p);
  }
  printf("heap total: %zu\n", total);
  return 0;
}
