// One archive member: pulled only by an --export or --export-if-defined option.
static const int delta_table[4] = {4, 12, 20, 28};
static int delta_calls;

int delta(int x) {
  delta_calls++;
  return x * 4 + delta_table[x & 3] + delta_calls;
}
