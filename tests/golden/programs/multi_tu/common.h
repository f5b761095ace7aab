#ifndef COMMON_H
#define COMMON_H
typedef struct { int x, y, z; } vec3;

/* vec.c */
int vec_dot(vec3 a, vec3 b);
vec3 vec_add(vec3 a, vec3 b);
vec3 vec_scale(vec3 a, int k);
int vec_helper_calls(void);

/* strutil.c */
extern const char *g_version;
void str_reverse(char *s);
int str_count(const char *s, char c);
unsigned str_hash(const char *s);

/* counter.c */
extern int g_counter;
extern int g_history[8];
int counter_next(void);
void counter_reset(int start);
#endif
