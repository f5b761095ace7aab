// One archive member: pulled only by an --export or --export-if-defined option.
static const int india_table[4] = {9, 27, 45, 63};
static int india_calls;

int india(int x) {
  india_calls++;
  return x * 9 + india_table[x & 3] + india_calls;
}
