#include <stdio.h>
#include "kv.h"

int main(void) {
  printf("table has %d entries\n", kv_default_count);
  report("alpha");
  report("gamma");
  report("missing");
  for (int i = 0; i < kv_default_count; i++)
    printf("  %-8s hash=%08x\n", kv_default_table[i].key, kv_hash(kv_default_table[i].key));
  return 0;
}
