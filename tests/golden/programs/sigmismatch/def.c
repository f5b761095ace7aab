// The definition: int scale(int).
int scale(int x) { return x * 3; }
