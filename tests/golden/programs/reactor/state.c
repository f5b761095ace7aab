#include <stdio.h>

int counter;
int init_marker;
const int table[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
const char *const descriptions[] = {"zero", "one", "two", "three"};

/* Run by _initialize (crt1-reactor.o calls __wasm_call_ctors). */
__attribute__((constructor)) static void setup(void) {
  init_marker = 0x5eed;
  counter = 100;
}
