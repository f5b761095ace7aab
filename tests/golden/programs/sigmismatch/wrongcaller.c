// Declares scale with the wrong signature (no argument, no result): its direct call becomes a
// call to wasm-ld's trapping stub. main only calls this when asked to, so the program does not trap.
void scale(void);
void call_wrongly(void) { scale(); }
