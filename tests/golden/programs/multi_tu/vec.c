#include "common.h"

static int calls;
/* Same name as in main.c, different behaviour. */
static int helper(int v) { calls++; return v; }

int vec_dot(vec3 a, vec3 b) { return helper(a.x * b.x) + helper(a.y * b.y) + helper(a.z * b.z); }
vec3 vec_add(vec3 a, vec3 b) { vec3 r = {a.x + b.x, a.y + b.y, a.z + b.z}; return r; }
vec3 vec_scale(vec3 a, int k) { vec3 r = {helper(a.x * k), helper(a.y * k), helper(a.z * k)}; return r; }
int vec_helper_calls(void) { return calls; }
