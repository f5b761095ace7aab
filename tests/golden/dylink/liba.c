// The first side module (-shared), linked against libb.so: data holding addresses of another
// module's data and of its own data and functions, function pointers passed both ways, weak
// undefined data and functions, and a constructor that changes libb's data.
#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
IMPORT(host_log) void host_log(int);
extern int b_counter;
extern int b_value(void);
extern int apply(int (*)(int), int);
__attribute__((weak)) extern int missing_data;
__attribute__((weak)) extern int missing_fn(int);
int *a_ptr_to_b = &b_counter;
static int local_table[3] = {10, 20, 30};
int *a_ptr_local = &local_table[1];
static int twice(int x) { return 2 * x; }
int (*a_fp)(int) = twice;
int a_call_back(int (*cb)(int), int x) { return cb(x) + apply(twice, x); }
int (*a_get_fp(void))(int) { return twice; }
int a_weak_checks(void) { return (&missing_data ? 1 : 0) + (missing_fn ? 2 : 0); }
int a_sum(void) { return *a_ptr_to_b + *a_ptr_local + a_fp(5) + b_value(); }
__attribute__((constructor)) static void init(void) { b_counter += 1; host_log(1000 + b_counter); }
