#include <stdio.h>

extern int init_trace[16];
extern int init_count;

__attribute__((constructor(200))) static void late_200(void) {
  init_trace[init_count++] = 200;
  printf("ctor late.c priority 200\n");
}
__attribute__((constructor(102))) static void late_102(void) {
  init_trace[init_count++] = 102;
  printf("ctor late.c priority 102\n");
}
__attribute__((constructor)) static void late_default(void) {
  init_trace[init_count++] = 65535;
  printf("ctor late.c (default priority)\n");
}
__attribute__((destructor(300))) static void late_dtor_300(void) { printf("dtor late.c priority 300\n"); }
