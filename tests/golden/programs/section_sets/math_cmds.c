#include "registry.h"
static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
REGISTER(cmd_twice, twice);
REGISTER(cmd_square, square);
