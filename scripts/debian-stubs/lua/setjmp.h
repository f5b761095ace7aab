/* Debian bookworm's wasi-libc has no setjmp/longjmp: a Lua error aborts instead of unwinding, so the
   workload must not raise errors (pcall of a failing function would trap). */
#ifndef WASI_STUB_SETJMP_H
#define WASI_STUB_SETJMP_H
#include <stdlib.h>
typedef int jmp_buf[1];
#define setjmp(b) 0
#define _setjmp(b) 0
#define longjmp(b, v) abort()
#define _longjmp(b, v) abort()
#endif
