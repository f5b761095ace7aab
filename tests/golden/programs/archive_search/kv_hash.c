#include <string.h>
#include "kv.h"

unsigned kv_hash(const char *key) {
  unsigned h = 5381;
  while (*key) h = h * 33 + (unsigned char)*key++;
  return h;
}
int kv_lookup(const struct kv *t, int n, const char *key, int *out) {
  for (int i = 0; i < n; i++)
    if (kv_hash(t[i].key) == kv_hash(key) && strcmp(t[i].key, key) == 0) { *out = t[i].value; return 1; }
  return 0;
}
