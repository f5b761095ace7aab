#ifndef OPS_H
#define OPS_H
typedef int (*binop)(int, int);
typedef double (*unop)(double);
int op_add(int a, int b);
int op_sub(int a, int b);
int op_mul(int a, int b);
int op_div(int a, int b);
binop op_by_symbol(char c);
binop op_add_address_from_ops(void);
double half(double x);
double square(double x);
extern const unop unops[2];
#endif
