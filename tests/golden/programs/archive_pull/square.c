#include <stdio.h>

__attribute__((constructor)) static void square_init(void) { printf("square.o was pulled in!\n"); }
double square_area(double side) { return side * side; }
