/* Declared by wasi-libc's headers but not defined: WASI has no temporary files and no processes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
FILE *tmpfile(void) { errno = ENOTSUP; return NULL; }
int system(const char *cmd) { (void)cmd; return -1; }
