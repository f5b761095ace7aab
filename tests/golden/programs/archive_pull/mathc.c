#include "shapes.h"

const char mathc_banner[] = "mathc: Leibniz series";

/* Leibniz: pi = 4 * (1 - 1/3 + 1/5 - ...) */
double pi_approx(int terms) {
  double sum = 0;
  for (int k = 0; k < terms; k++) sum += (k % 2 ? -1.0 : 1.0) / (2 * k + 1);
  return 4 * sum;
}
