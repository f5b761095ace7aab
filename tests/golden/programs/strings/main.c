#include <stdio.h>
#include <string.h>
#include "words.h"

static unsigned fnv(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

int main(void) {
  unsigned h = 0;
  size_t total = 0;
  for (int i = 0; i < words_a_count; i++) { h ^= fnv(words_a[i]) + i; total += strlen(words_a[i]); }
  for (int i = 0; i < words_b_count; i++) { h ^= fnv(words_b[i]) * 3 + i; total += strlen(words_b[i]); }
  printf("%d + %d words, %zu chars, hash %08x\n", words_a_count, words_b_count, total, h);
  for (int i = 7; i < words_b_count; i++) printf("[%s] ", words_b[i]);
  printf("\n");
  printf("%s | %s | %s\n", greeting_a(), greeting_b(), "hello, world");
  printf("strcmp equal: %d %d\n", strcmp(greeting_a(), greeting_b()) == 0, strcmp(words_a[26], words_b[4]) == 0);
  /* Whether identical literals from different TUs share storage is up to the linker (wasm-ld
     merges them): this line checks wlink makes the same choice. */
  printf("same storage: %d %d\n", greeting_a() == greeting_b(), words_a[27] == words_b[5]);
  const char *text = long_text();
  printf("long text: %zu chars, starts \"%.11s\", ends \"%s\", hash %08x\n", strlen(text), text,
         text + strlen(text) - 5, fnv(text));
  return 0;
}
