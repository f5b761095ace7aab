#ifndef KV_H
#define KV_H
struct kv { const char *key; int value; };
extern const struct kv kv_default_table[];  /* kv_table.c: data only */
extern const int kv_default_count;          /* kv_table.c */
unsigned kv_hash(const char *key);          /* kv_hash.c */
int kv_lookup(const struct kv *t, int n, const char *key, int *out);  /* kv_hash.c */
void kv_dump(const struct kv *t, int n);    /* kv_debug.c: never used */
void report(const char *key);               /* report.c */
#endif
