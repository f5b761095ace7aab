#ifndef SHAPES_H
#define SHAPES_H
double circle_area(double r);      /* circle.c */
int circle_count(void);            /* circle.c */
double square_area(double side);   /* square.c: only referenced weakly by main.c */
int unused_feature(int x);         /* unused.c: never referenced */
double pi_approx(int terms);       /* mathc.c: referenced by circle.c only */
extern const char mathc_banner[];  /* mathc.c */
#endif
