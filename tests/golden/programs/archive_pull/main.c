#include <stdio.h>
#include "shapes.h"

/* A weak undefined reference does not pull an archive member: square_area stays null. */
extern double square_area(double side) __attribute__((weak));

int main(void) {
  printf("circle(2) = %.6f\n", circle_area(2.0));
  printf("circle(0.5) = %.6f\n", circle_area(0.5));
  printf("circle calls = %d\n", circle_count());
  printf("square_area is %s\n", square_area ? "linked" : "null");
  return 0;
}
