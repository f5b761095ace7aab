#include "kv.h"

const struct kv kv_default_table[] = {
  {"alpha", 1}, {"beta", 22}, {"gamma", 333}, {"delta", 4444}, {"epsilon", 55555},
};
const int kv_default_count = sizeof kv_default_table / sizeof kv_default_table[0];
