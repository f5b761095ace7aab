// One archive member: pulled only by an --export or --export-if-defined option.
static const int kilo_table[4] = {11, 33, 55, 77};
static int kilo_calls;

int kilo(int x) {
  kilo_calls++;
  return x * 11 + kilo_table[x & 3] + kilo_calls;
}
