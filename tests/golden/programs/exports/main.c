#include <stdio.h>

extern int lookup_table[8];

int main(void) {
  int s = 0;
  for (int i = 0; i < 8; i++) s += lookup_table[i];
  printf("sum of primes %d\n", s);
  return 0;
}
