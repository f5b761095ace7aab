/* wasi-libc has no <pwd.h>: no password database, so the shell finds no home directory. */
#ifndef WASI_STUB_PWD_H
#define WASI_STUB_PWD_H
#include <sys/types.h>
struct passwd { char *pw_name; char *pw_dir; };
#define getpwuid(uid) ((struct passwd *)0)
#define getuid() 0
#endif
