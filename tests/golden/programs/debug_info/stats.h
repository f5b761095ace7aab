#include <stddef.h>

struct stats {
  double mean;
  double min;
  double max;
  size_t count;
};

struct stats summarize(const double *values, size_t n);
void print_histogram(const double *values, size_t n, int buckets);
