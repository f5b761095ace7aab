// One archive member: pulled only by an --export or --export-if-defined option.
static const int lima_table[4] = {12, 36, 60, 84};
static int lima_calls;

int lima(int x) {
  lima_calls++;
  return x * 12 + lima_table[x & 3] + lima_calls;
}
