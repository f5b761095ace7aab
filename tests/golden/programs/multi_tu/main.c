#include <stdio.h>
#include <string.h>
#include "common.h"

/* Same name as a static function in vec.c: each TU must get its own. */
static int helper(int v) { return v * 1000; }

int main(void) {
  vec3 a = {1, 2, 3}, b = {4, -5, 6};
  vec3 c = vec_add(a, vec_scale(b, 2));
  printf("dot=%d add=(%d,%d,%d)\n", vec_dot(a, b), c.x, c.y, c.z);
  printf("helper(main)=%d helper calls in vec.c=%d\n", helper(3), vec_helper_calls());

  char word[] = "translation";
  str_reverse(word);
  printf("reversed=%s count(a)=%d hash=%08x version=%s\n", word, str_count("banana", 'a'),
         str_hash("wlink"), g_version);

  counter_reset(10);
  for (int i = 0; i < 5; i++) counter_next();
  g_counter += 100; /* a global defined in another TU, written from here */
  printf("counter=%d next=%d history=", g_counter, counter_next());
  for (int i = 0; i < 8; i++) printf("%d%c", g_history[i], i == 7 ? '\n' : ',');
  return 0;
}
