#include <stdio.h>
#include "shapes.h"

static int count;
double circle_area(double r) {
  count++;
  if (count == 1) printf("[%s]\n", mathc_banner);
  return pi_approx(200000) * r * r;
}
int circle_count(void) { return count; }
