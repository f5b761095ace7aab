// One archive member: pulled only by an --export or --export-if-defined option.
static const int juliet_table[4] = {10, 30, 50, 70};
static int juliet_calls;

int juliet(int x) {
  juliet_calls++;
  return x * 10 + juliet_table[x & 3] + juliet_calls;
}
