#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops.h"

struct command { const char *name; binop fn; };
static const struct command commands[] = {
  {"add", op_add}, {"sub", op_sub}, {"mul", op_mul}, {"div", op_div},
};

typedef void (*printer)(const char *);
static void print_upper(const char *s) { for (; *s; s++) putchar(*s >= 'a' && *s <= 'z' ? *s - 32 : *s); putchar('\n'); }
static void print_plain(const char *s) { printf("%s\n", s); }
static printer printers[] = {print_plain, print_upper};

static size_t (*const length_fn)(const char *) = strlen;  /* pointer to a libc function */
static int (*const put_fn)(const char *) = puts;

static int cmp_int_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static int apply_all(binop fns[], int n, int a, int b) {
  int acc = 0;
  for (int i = 0; i < n; i++) acc = acc * 31 + fns[i](a, b);
  return acc;
}

int main(void) {
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    printf("%s(17, 5) = %d\n", commands[i].name, commands[i].fn(17, 5));
  const char *expr = "+-*/";
  for (const char *p = expr; *p; p++) printf("100 %c 7 = %d\n", *p, op_by_symbol(*p)(100, 7));
  printf("op_by_symbol('?') is %s\n", op_by_symbol('?') ? "set" : "null");

  binop built[4];
  for (int i = 0; i < 4; i++) built[i] = op_by_symbol(expr[3 - i]);
  printf("apply_all = %d\n", apply_all(built, 4, 9, 4));

  /* The same function's address taken in two TUs compares equal. */
  printf("&op_add equal across TUs: %d\n", op_add_address_from_ops() == op_add);
  printf("unops: %.3f %.3f\n", unops[0](5.0), unops[1](1.5));

  for (int i = 0; i < 2; i++) printers[i]("function pointer table");
  printf("length_fn = %zu\n", length_fn("seventeen chars!!"));
  put_fn("via puts pointer");

  int nums[] = {5, 3, 9, 1, 7, 2, 8};
  qsort(nums, 7, sizeof nums[0], cmp_int_desc);
  for (int i = 0; i < 7; i++) printf("%d ", nums[i]);
  printf("\n");
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
  qsort(words, 5, sizeof words[0], cmp_str);
  for (int i = 0; i < 5; i++) printf("%s ", words[i]);
  printf("\n");
  return 0;
}
