/* SQLITE_OS_OTHER for wasm32-wasi: a VFS that cannot open files, so only :memory: databases work
   (with SQLITE_TEMP_STORE=3). Deterministic randomness; time from the WASI clock. */
#include "sqlite3.h"
#include <time.h>

static int wOpen(sqlite3_vfs *v, const char *n, sqlite3_file *f, int fl, int *o) {
  (void)v; (void)n; (void)fl; (void)o; f->pMethods = 0; return SQLITE_CANTOPEN;
}
static int wDelete(sqlite3_vfs *v, const char *n, int s) { (void)v; (void)n; (void)s; return SQLITE_IOERR_DELETE; }
static int wAccess(sqlite3_vfs *v, const char *n, int fl, int *r) { (void)v; (void)n; (void)fl; *r = 0; return SQLITE_OK; }
static int wFullPathname(sqlite3_vfs *v, const char *n, int nOut, char *out) {
  (void)v; sqlite3_snprintf(nOut, out, "%s", n); return SQLITE_OK;
}
static int wRandomness(sqlite3_vfs *v, int n, char *out) {
  (void)v; for (int i = 0; i < n; i++) out[i] = (char)(i * 131 + 7); return n;
}
static int wSleep(sqlite3_vfs *v, int us) { (void)v; return us; }
static int wCurrentTime(sqlite3_vfs *v, double *t) {
  (void)v; *t = 2440587.5 + (double)time(0) / 86400.0; return SQLITE_OK;
}
static int wGetLastError(sqlite3_vfs *v, int n, char *s) { (void)v; (void)n; (void)s; return 0; }

static sqlite3_vfs wasiVfs = {
  1, 0, 512, 0, "wasi-memory", 0,
  wOpen, wDelete, wAccess, wFullPathname, 0, 0, 0, 0,
  wRandomness, wSleep, wCurrentTime, wGetLastError,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&wasiVfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

/* The shell's .system/.shell commands: WASI cannot run processes. */
int system(const char *cmd) { (void)cmd; return -1; }
