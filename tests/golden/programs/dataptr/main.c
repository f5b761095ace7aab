#include <stdio.h>
#include "tables.h"

/* Pointers from this TU into data defined in the other one, with offsets. */
static int *const b_ptrs[] = {big_table_b, big_table_b + 5, &big_table_b[31]};
static const struct node *const second = &list_head + 0;
static const char *const *color_cursor = color_names + 1;
/* A self-referential static structure. */
struct ring { const char *name; struct ring *next; };
static struct ring ring_c;
static struct ring ring_a = {"a", &ring_c}, ring_b = {"b", &ring_a}, ring_c = {"c", &ring_b};

int main(void) {
  for (int i = 0; i < color_count; i++) printf("%s%s", color_names[i], i + 1 < color_count ? "," : "\n");
  printf("third color: %s, cursor: %s\n", *third_color, *color_cursor);
  color_cursor += 3;
  printf("cursor after +3: %s\n", *color_cursor);

  for (const struct node *n = second; n; n = n->next) printf("node %d\n", n->value);

  printf("mid=%d end[-1]=%d span=%d\n", *sample_mid, sample_end[-1], (int)(sample_end - sample_mid));
  sample_mid[0] = -1;
  printf("samples[8] now %d\n", samples[8]);

  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 3; i++) {
      struct op *op = &ops_table[i];
      int r = op->fn(op->params[0] * 10);
      ++*op->counter;
      printf("%s(%d) = %d, used %d\n", op->label, op->params[0] * 10, r, *op->counter);
    }

  for (int i = 0; i < 3; i++) printf("b_ptrs[%d] -> %d\n", i, *b_ptrs[i]);
  const struct ring *r = &ring_a;
  for (int i = 0; i < 5; i++, r = r->next) printf("%s", r->name);
  printf("\n");
  return 0;
}
