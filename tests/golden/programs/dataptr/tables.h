#ifndef TABLES_H
#define TABLES_H
struct node { int value; const struct node *next; };
struct op { const char *label; int (*fn)(int); int *counter; const int *params; };

extern const char *const color_names[];
extern const int color_count;
extern const struct node list_head;
extern int samples[16];
extern int *const sample_mid;        /* &samples[8] */
extern const int *const sample_end;  /* one past the end */
extern struct op ops_table[3];
extern const char *const *const third_color;  /* &color_names[2] */
extern int big_table_b[32];
#endif
