#include <stdio.h>
#include "kv.h"

void report(const char *key) {
  int v;
  if (kv_lookup(kv_default_table, kv_default_count, key, &v)) printf("%s -> %d\n", key, v);
  else printf("%s not found\n", key);
}
