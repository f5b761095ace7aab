#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth;

static void dive(int n) {
  depth = n;
  if (n == 3) longjmp(env, 42);
  dive(n + 1);
}

static int guarded(int trigger) {
  jmp_buf local;
  int r = setjmp(local);
  if (r != 0) return r;
  if (trigger) longjmp(local, trigger);
  return -1;
}

int main(void) {
  int r = setjmp(env);
  if (r == 0) {
    dive(0);
    puts("not reached");
  }
  printf("longjmp returned %d at depth %d\n", r, depth);
  printf("guarded: %d %d\n", guarded(0), guarded(7));
  return 0;
}
