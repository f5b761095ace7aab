#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler runs before stdout is flushed\n"); }

int main(int argc, char **argv) {
  atexit(bye);
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\"\n", i, argv[i]);
  int n = argc > 3 ? atoi(argv[3]) : 0;
  printf("argv[3] as a number: %d, exiting with %d\n", n, n % 5 + 1);
  printf("no newline before exit");
  exit(n % 5 + 1);
}
