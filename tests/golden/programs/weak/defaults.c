/* Default implementations; strong.c overrides some of them. */
__attribute__((weak)) int get_level(void) { return 1; }
__attribute__((weak)) const char *get_name(void) { return "default-name"; }
__attribute__((weak)) int tunable = 10;
__attribute__((weak)) int other_tunable = 20;

static int impl_twice(int x) { return 2 * x; }
/* A weak alias: callers of twice() reach impl_twice unless someone defines twice strongly. */
int twice(int x) __attribute__((weak, alias("impl_twice")));
