#include "common.h"

int g_counter;
int g_history[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
static int slot;

int counter_next(void) {
  g_history[slot++ % 8] = g_counter;
  return ++g_counter;
}
void counter_reset(int start) { g_counter = start; slot = 0; }
