#include <stdio.h>
int scale(int x);
void call_wrongly(void);
int main(int argc, char **argv) {
  printf("scale(14) = %d\n", scale(14));
  if (argc > 5) call_wrongly(); // never taken in the test: the stub would trap
  return 0;
}
