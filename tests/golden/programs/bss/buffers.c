/* 2 MiB of zero-initialised global data in another TU. */
unsigned int big_words[512 * 1024];
/* Some initialised data right after it, to check it is not clobbered. */
int guard_values[4] = {0x11111111, 0x22222222, 0x33333333, 0x44444444};
