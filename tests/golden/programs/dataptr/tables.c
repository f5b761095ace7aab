#include "tables.h"

const char *const color_names[] = {"red", "green", "blue", "cyan", "magenta", "yellow"};
const int color_count = sizeof color_names / sizeof color_names[0];
const char *const *const third_color = &color_names[2];

/* A linked list laid out in static data. */
static const struct node n4 = {40, 0};
static const struct node n3 = {30, &n4};
static const struct node n2 = {20, &n3};
const struct node list_head = {10, &n2};

int samples[16] = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987};
int *const sample_mid = &samples[8];
const int *const sample_end = samples + 16;

static int inc(int x) { return x + 1; }
static int neg(int x) { return -x; }
static int dbl(int x) { return 2 * x; }
static int counters[3];
static const int params_a[] = {1, 2, 3}, params_b[] = {4, 5, 6};

struct op ops_table[3] = {
  {"inc", inc, &counters[0], params_a},
  {"neg", neg, &counters[1], params_b + 1},
  {"dbl", dbl, &counters[2], &params_a[2]},
};

int big_table_b[32] = {[0] = 7, [5] = 11, [31] = 13};
