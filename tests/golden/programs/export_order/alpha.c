// One archive member: pulled only by an --export or --export-if-defined option.
static const int alpha_table[4] = {1, 3, 5, 7};
static int alpha_calls;

int alpha(int x) {
  alpha_calls++;
  return x * 1 + alpha_table[x & 3] + alpha_calls;
}
