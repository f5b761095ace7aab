// The sources the playground opens with: a C program that calls a function defined in the .wat
// unit, so that the first Run shows both inputs linked together.

export const DEFAULT_C = `#include <stdio.h>

/* Defined in unit.wat: wlink lowers the unit in-process and links it with main.o. */
extern int wat_add(int a, int b);

int main(void) {
  printf("Hello from C, linked by wlink in the browser!\\n");
  printf("wat_add(2, 40) = %d\\n", wat_add(2, 40));
  return 0;
}
`;

export const DEFAULT_WAT = `;; A compiler unit in WebAssembly text. An exported function becomes a global
;; symbol of that name, so C's "extern int wat_add(int, int)" resolves to it.
(module
  (func (export "wat_add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))
`;
