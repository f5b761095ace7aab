#include "words.h"

const char *const words_a[] = {
  "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
  "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
  "uniform", "victor", "whiskey", "x-ray", "yankee", "zulu", "hello, world", "shared literal",
};
const int words_a_count = sizeof words_a / sizeof words_a[0];
const char *greeting_a(void) { return "hello, world"; }
