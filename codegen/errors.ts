// The one error type of the codegen builder. Messages name the unit and, when there is one, the
// function, in the linker's diagnostic shape: `unit.wat: function foo: unbalanced block`. Front
// ends that read text add the position: `unit.wat:12:5: function $main: unknown label $out`.

export class CodegenError extends Error {
  constructor(
    readonly unit: string, readonly func: string | undefined, readonly detail: string,
    readonly line?: number, readonly column?: number,
  ) {
    const where = line === undefined ? unit : `${unit}:${line}:${column ?? 1}`;
    super(func === undefined ? `${where}: ${detail}` : `${where}: function ${func}: ${detail}`);
    this.name = 'CodegenError';
  }
}
