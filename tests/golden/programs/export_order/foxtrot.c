// One archive member: pulled only by an --export or --export-if-defined option.
static const int foxtrot_table[4] = {6, 18, 30, 42};
static int foxtrot_calls;

int foxtrot(int x) {
  foxtrot_calls++;
  return x * 6 + foxtrot_table[x & 3] + foxtrot_calls;
}
