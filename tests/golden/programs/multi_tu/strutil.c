#include <string.h>
#include "common.h"

const char *g_version = "multi-tu 1.0";

void str_reverse(char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}
int str_count(const char *s, char c) { int n = 0; for (; *s; s++) n += *s == c; return n; }
unsigned str_hash(const char *s) {
  unsigned h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}
