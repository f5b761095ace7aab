#include <stdio.h>
#include <string.h>
#include "stats.h"

struct stats summarize(const double *values, size_t n) {
  struct stats s = {0, 0, 0, n};
  if (n == 0) return s;
  s.min = s.max = values[0];
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    double v = values[i];
    sum += v;
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
  }
  s.mean = sum / (double)n;
  return s;
}

static int bucket_of(double v, double min, double width, int buckets) {
  int b = width > 0 ? (int)((v - min) / width) : 0;
  return b >= buckets ? buckets - 1 : b;
}

void print_histogram(const double *values, size_t n, int buckets) {
  int counts[16];
  char bar[64];
  if (buckets > 16) buckets = 16;
  memset(counts, 0, sizeof counts);
  struct stats s = summarize(values, n);
  double width = (s.max - s.min) / buckets;
  for (size_t i = 0; i < n; i++) counts[bucket_of(values[i], s.min, width, buckets)]++;
  for (int b = 0; b < buckets; b++) {
    int len = counts[b] < 63 ? counts[b] : 63;
    memset(bar, '#', (size_t)len);
    bar[len] = 0;
    printf("%6.2f | %s\n", s.min + b * width, bar);
  }
}
