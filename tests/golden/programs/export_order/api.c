// The reactor's own object. The archive members are linked only because --export and
// --export-if-defined name them; wasm-ld pulls them in the order its hash set of those names gives,
// which is the order their functions and data take in the output.
__attribute__((export_name("ready"))) int ready(void) { return 42; }
