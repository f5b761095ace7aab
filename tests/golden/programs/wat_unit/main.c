#include <stdio.h>

/* Defined in unit.wat. */
void wat_greet(void);
typedef int (*op_t)(int);
op_t wat_get_op(int i);
int wat_sum_squares(int n);

/* Called from unit.wat. */
int c_square(int x) { return x * x; }

int main(void) {
  wat_greet();
  int s = wat_sum_squares(5);
  printf("double(21) = %d, negate(7) = %d\n", wat_get_op(0)(21), wat_get_op(1)(7));
  printf("same pointer twice: %d\n", wat_get_op(0) == wat_get_op(0));
  printf("sum = %d\n", s);
  return 0;
}
