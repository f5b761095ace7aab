// The one error type of the codegen builder. Messages name the unit and, when there is one, the
// function, in the linker's diagnostic shape: `unit.wat: function foo: unbalanced block`.

export class CodegenError extends Error {
  constructor(readonly unit: string, readonly func: string | undefined, readonly detail: string) {
    super(func === undefined ? `${unit}: ${detail}` : `${unit}: function ${func}: ${detail}`);
    this.name = 'CodegenError';
  }
}
