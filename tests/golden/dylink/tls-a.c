// Thread-local data of the first side module in the --shared-memory run (linked into liba.so with
// liba.c): its own, read at its offset from __tls_base; libb's, read through a GOT entry the loader
// sets from libb's block; and a pointer held in .tdata to libb's ordinary data. The main module calls
// tls_check when it is defined (main.c, weakly).
extern int b_counter;
extern _Thread_local int b_tls;
extern int b_tls_bump(void);
static _Thread_local int a_tls = 5;
static _Thread_local int *a_tls_ptr = &b_counter;
int tls_check(void) {
  a_tls += 1;
  int bumped = b_tls_bump();
  return a_tls * 100000 + bumped * 1000 + b_tls * 10 + *a_tls_ptr;
}
