// One archive member: pulled only by an --export or --export-if-defined option.
static const int golf_table[4] = {7, 21, 35, 49};
static int golf_calls;

int golf(int x) {
  golf_calls++;
  return x * 7 + golf_table[x & 3] + golf_calls;
}
