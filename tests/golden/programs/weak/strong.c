int get_level(void) { return 42; }
int tunable = 99;
