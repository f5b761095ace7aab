struct command {
  const char *name;
  int (*run)(int);
};

/* Each command is placed in the data section "commands"; the linker gathers them all and defines
 * __start_commands / __stop_commands around them. */
#define REGISTER(sym, fn) \
  __attribute__((used, section("commands"))) static const struct command sym = {#fn, fn}
