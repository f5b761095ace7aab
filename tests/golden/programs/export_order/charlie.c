// One archive member: pulled only by an --export or --export-if-defined option.
static const int charlie_table[4] = {3, 9, 15, 21};
static int charlie_calls;

int charlie(int x) {
  charlie_calls++;
  return x * 3 + charlie_table[x & 3] + charlie_calls;
}
