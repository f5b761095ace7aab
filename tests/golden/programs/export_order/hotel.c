// One archive member: pulled only by an --export or --export-if-defined option.
static const int hotel_table[4] = {8, 24, 40, 56};
static int hotel_calls;

int hotel(int x) {
  hotel_calls++;
  return x * 8 + hotel_table[x & 3] + hotel_calls;
}
