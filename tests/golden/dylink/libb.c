// The second side module (-shared): data, a function taking a function pointer, and a weak
// function that the main module overrides (its own calls go through an import for that reason).
#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
IMPORT(host_log) void host_log(int);
int b_counter = 7;
int b_value(void) { return b_counter * 3; }
__attribute__((weak)) int overridable(void) { return 1; }
int call_overridable(void) { return overridable(); }
int apply(int (*f)(int), int x) { return f(x); }
