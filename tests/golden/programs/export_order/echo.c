// One archive member: pulled only by an --export or --export-if-defined option.
static const int echo_table[4] = {5, 15, 25, 35};
static int echo_calls;

int echo(int x) {
  echo_calls++;
  return x * 5 + echo_table[x & 3] + echo_calls;
}
