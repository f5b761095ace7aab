/* Not called from main: only alive because they are exported. */
int square(int x) { return x * x; }
int cube(int x) { return x * x * x; }
int lookup_table[8] = {2, 3, 5, 7, 11, 13, 17, 19};
/* Neither exported nor referenced: removed by --gc-sections. */
int not_exported(int x) { return x - 1; }
