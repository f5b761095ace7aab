#include "words.h"

const char *const words_b[] = {
  "zulu", "yankee", "x-ray", "world", "hello, world", "shared literal", "literal",
  "caf\xc3\xa9", "na\xc3\xafve", "\xe2\x82\xac 100", "tab\there", "quote\"inside\"", "back\\slash",
  "", "a", "ab", "abc",
};
const int words_b_count = sizeof words_b / sizeof words_b[0];
const char *greeting_b(void) { return "hello, world"; }
const char *long_text(void) {
  return "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
         "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in "
         "voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat "
         "non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. "
         "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
         "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
         "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in "
         "voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat "
         "non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. [end]";
}
