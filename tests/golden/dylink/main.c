// The main module (-pie --import-memory), linked against liba.so and libb.so: it calls across both,
// passes its own static function to liba, compares a pointer liba gives it, and overrides libb's
// weak `overridable`; in the --shared-memory run it also checks liba's thread-local data.
#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
IMPORT(host_log) void host_log(int);
extern int a_call_back(int (*)(int), int);
extern int (*a_get_fp(void))(int);
extern int a_weak_checks(void);
extern int a_sum(void);
extern int call_overridable(void);
extern int *a_ptr_local;
int overridable(void) { return 42; }
static int plus100(int x) { return x + 100; }
__attribute__((weak)) extern int no_such_fn(int);
__attribute__((weak)) extern int tls_check(void); // liba's in the --shared-memory run (tls-a.c)
int run(void) {
  host_log(a_sum());
  host_log(a_call_back(plus100, 3));
  int (*f)(int) = a_get_fp();
  host_log(f(21));
  host_log(a_weak_checks());
  host_log(call_overridable());
  host_log(no_such_fn ? 1 : 0);
  host_log(f == a_get_fp());
  host_log(*a_ptr_local);
  host_log(tls_check ? tls_check() : -1);
  return 7;
}
