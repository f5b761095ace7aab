#include <stdio.h>
#include <stdlib.h>

static void at_exit_main_1(void) { printf("atexit: registered first in main\n"); }
static void at_exit_main_2(void) { printf("atexit: registered second in main\n"); }

__attribute__((constructor)) static void main_default_ctor(void) { printf("ctor main.c (default priority)\n"); }
__attribute__((constructor(150))) static void main_ctor_150(void) { printf("ctor main.c priority 150\n"); }
__attribute__((destructor)) static void main_dtor(void) { printf("dtor main.c (default priority)\n"); }
__attribute__((destructor(150))) static void main_dtor_150(void) { printf("dtor main.c priority 150\n"); }

extern int init_trace[16];
extern int init_count;

int main(void) {
  printf("main: %d constructors recorded:", init_count);
  for (int i = 0; i < init_count; i++) printf(" %d", init_trace[i]);
  printf("\n");
  atexit(at_exit_main_1);
  atexit(at_exit_main_2);
  printf("main returns\n");
  return 0;
}
