#ifndef ENGINE_H
#define ENGINE_H
#ifdef __cplusplus
extern "C" {
#endif
typedef struct engine engine;
typedef void (*engine_callback)(int step, double value, void *user);
engine *engine_new(int steps);
void engine_run(engine *e, engine_callback cb, void *user);
double engine_total(const engine *e);
void engine_free(engine *e);
int engine_instances(void);
/* Defined in C, called from C++. */
double c_weight(int step);
#ifdef __cplusplus
}
#endif
#endif
