#include <stdio.h>
#include "kv.h"

__attribute__((constructor)) static void kv_debug_init(void) { printf("kv_debug.o was pulled in!\n"); }
void kv_dump(const struct kv *t, int n) {
  for (int i = 0; i < n; i++) printf("%s=%d\n", t[i].key, t[i].value);
}
