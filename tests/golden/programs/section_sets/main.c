#include <stdio.h>
#include "registry.h"

extern const struct command __start_commands[];
extern const struct command __stop_commands[];

int main(void) {
  int n = (int)(__stop_commands - __start_commands);
  printf("%d commands\n", n);
  int total = 0;
  for (const struct command *c = __start_commands; c < __stop_commands; c++) {
    int r = c->run(7);
    total += r;
    printf("%s(7) = %d\n", c->name, r);
  }
  printf("total %d\n", total);
  return 0;
}
