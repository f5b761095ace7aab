#include "registry.h"
static int negate(int x) { return -x; }
REGISTER(cmd_negate, negate);
/* Placed in a section nothing asks for by name: with --gc-sections it goes, unless marked used. */
__attribute__((section("unused_set"))) const int never_read = 99;
