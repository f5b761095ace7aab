#include <stdio.h>

/* If this member were linked, its constructor would print. */
__attribute__((constructor)) static void unused_init(void) { printf("unused.o was pulled in!\n"); }
int unused_feature(int x) { return x * 42; }
