// Thread-local data of the second side module in the --shared-memory run (linked into libb.so with
// libb.c): exported, so dylink.0's EXPORT_INFO marks it and tls-a.c reads it through its GOT entry,
// and a pointer held in .tdata to this module's own data (relocated per thread by
// __wasm_apply_tls_relocs).
_Thread_local int b_tls = 30;
static int b_cells[2] = {100, 200};
_Thread_local int *b_tls_ptr = &b_cells[1];
int b_tls_bump(void) { *b_tls_ptr += 1; return ++b_tls + *b_tls_ptr; }
