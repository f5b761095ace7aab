// A table of the object's own (reference types): externref slots grown and counted through the
// table builtins, next to the indirect function table the C code uses for its function pointers.
static __externref_t refs[0];

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
static int (*volatile ops[])(int) = {twice, square};

__attribute__((export_name("grow"))) int grow(int n) {
  return __builtin_wasm_table_grow(refs, __builtin_wasm_ref_null_extern(), n);
}

__attribute__((export_name("size"))) int size(void) { return __builtin_wasm_table_size(refs); }

__attribute__((export_name("apply"))) int apply(int op, int x) { return ops[op & 1](x); }
