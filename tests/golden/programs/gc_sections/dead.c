#include <stdio.h>

int live_helper(int x) { return x * 3 + 1; }

/* A chain only reachable from dead code. */
int dead_leaf(int x) { return x ^ 0x5a5a; }
int dead_middle(int x) { return dead_leaf(x) + dead_leaf(x + 1); }
int dead_root(int x) { return dead_middle(x) * 2; }

const char dead_text[] = "this string is never referenced by live code";
int dead_table[64] = {1, 2, 3};
int live_table[4] = {4, 3, 2, 1};

/* used: kept by the compiler and, via the NO_STRIP symbol flag, by the linker. */
__attribute__((used)) int kept_though_unreferenced(int x) { return x + 1000; }
__attribute__((used)) static const char kept_data[] = "kept by attribute used";

void print_live(void) { printf("live_table[0]=%d\n", live_table[0]); }
