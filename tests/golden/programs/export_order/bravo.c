// One archive member: pulled only by an --export or --export-if-defined option.
static const int bravo_table[4] = {2, 6, 10, 14};
static int bravo_calls;

int bravo(int x) {
  bravo_calls++;
  return x * 2 + bravo_table[x & 3] + bravo_calls;
}
