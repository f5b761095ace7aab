#include <stdio.h>
#include <stdlib.h>
#include "stats.h"

static unsigned seed = 12345;

static double next_value(void) {
  seed = seed * 1103515245u + 12345u;
  return (double)((seed >> 8) % 1000) / 10.0;
}

int main(void) {
  double values[200];
  for (int i = 0; i < 200; i++) values[i] = next_value();
  struct stats s = summarize(values, 200);
  printf("count %zu mean %.3f min %.1f max %.1f\n", s.count, s.mean, s.min, s.max);
  print_histogram(values, 200, 8);
  char *copy = malloc(32);
  snprintf(copy, 32, "%s", "done");
  puts(copy);
  free(copy);
  return 0;
}
