#include <stdio.h>

int get_level(void);
const char *get_name(void);
int twice(int x);
extern int tunable, other_tunable;

/* Never defined anywhere: weak undefined. Their addresses are 0. */
extern void optional_hook(void) __attribute__((weak));
extern int optional_data __attribute__((weak));
extern int optional_array[] __attribute__((weak));

static void present_hook(void) { printf("present_hook called\n"); }

/* Static initialisers with weak undefined addresses (data relocations against them). */
static void (*const hooks[])(void) = {optional_hook, present_hook, optional_hook};
static int *const data_refs[] = {&optional_data, &tunable, optional_array};

int main(void) {
  printf("level=%d name=%s twice(21)=%d\n", get_level(), get_name(), twice(21));
  printf("tunable=%d other_tunable=%d\n", tunable, other_tunable);
  printf("optional_hook is %s\n", optional_hook ? "set" : "null");
  printf("&optional_data is %s\n", &optional_data ? "set" : "null");
  if (optional_hook) optional_hook();
  for (int i = 0; i < 3; i++) {
    printf("hooks[%d] %s\n", i, hooks[i] ? "set" : "null");
    if (hooks[i]) hooks[i]();
  }
  for (int i = 0; i < 3; i++) printf("data_refs[%d] %s\n", i, data_refs[i] ? "set" : "null");
  printf("*data_refs[1]=%d\n", *data_refs[1]);
  return 0;
}
