#include <stdio.h>

int live_helper(int x);
void print_live(void);
int dead_root(int x);

/* Unreferenced in this TU too; its reference to dead_root does not keep it alive. */
int also_dead(void) { return dead_root(7); }

int main(void) {
  printf("live_helper(5)=%d\n", live_helper(5));
  print_live();
  return 0;
}
