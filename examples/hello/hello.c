// The bundled example: compiled by @yowasp/clang, linked by wlink, run under node:wasi.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) { return strcmp(*(const char **)a, *(const char **)b); }

int main(int argc, char **argv) {
  const char *words[] = {"linker", "wasm", "static", "typescript"};
  qsort(words, 4, sizeof words[0], compare);
  printf("hello from a module linked by wlink:");
  for (int i = 0; i < 4; i++) printf(" %s", words[i]);
  printf("\n");
  return 0;
}
