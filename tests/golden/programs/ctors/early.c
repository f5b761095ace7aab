#include <stdio.h>
#include <stdlib.h>

int init_trace[16];
int init_count;

static void at_exit_from_ctor(void) { printf("atexit: registered in a constructor\n"); }

__attribute__((constructor(101))) static void early_101(void) {
  init_trace[init_count++] = 101;
  printf("ctor early.c priority 101\n");
}
__attribute__((constructor(300))) static void early_300(void) {
  init_trace[init_count++] = 300;
  printf("ctor early.c priority 300\n");
  atexit(at_exit_from_ctor);
}
__attribute__((constructor)) static void early_default(void) {
  init_trace[init_count++] = 65535;
  printf("ctor early.c (default priority)\n");
}
__attribute__((destructor(101))) static void early_dtor_101(void) { printf("dtor early.c priority 101\n"); }
