#include <stdio.h>
#include "engine.h"

double c_weight(int step) { return step * step + 0.25; }

static void on_step(int step, double value, void *user) {
  int *calls = user;
  ++*calls;
  printf("step %d -> %.2f\n", step, value);
}

int main(void) {
  int calls = 0;
  engine *e = engine_new(5);
  printf("instances %d\n", engine_instances());
  engine_run(e, on_step, &calls);
  printf("total %.3f after %d callbacks\n", engine_total(e), calls);
  engine_free(e);
  printf("instances %d\n", engine_instances());
  return 0;
}
