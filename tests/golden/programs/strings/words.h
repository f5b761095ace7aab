#ifndef WORDS_H
#define WORDS_H
extern const char *const words_a[];
extern const int words_a_count;
extern const char *const words_b[];
extern const int words_b_count;
const char *greeting_a(void);
const char *greeting_b(void);
const char *long_text(void);
#endif
