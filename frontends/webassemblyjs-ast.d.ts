// A minimal type declaration for @webassemblyjs/ast 1.14 (the package ships none): the node shapes
// that frontends/ast.ts lowers and the builders a compiler uses to make them. frontends/ast.ts itself
// reads its input as `unknown` and checks every field, so these types only help callers and tests.
declare module '@webassemblyjs/ast' {
  export type Valtype = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'anyfunc' | 'funcref' | 'externref';
  export type Mutability = 'const' | 'var';
  export type ExportDescrType = 'Func' | 'Table' | 'Memory' | 'Global';

  export interface Identifier { type: 'Identifier'; value: string; raw?: string }
  export interface NumberLiteral { type: 'NumberLiteral'; value: number; raw: string }
  export interface LongNumberLiteral { type: 'LongNumberLiteral'; value: { high: number; low: number }; raw: string }
  export interface FloatLiteral { type: 'FloatLiteral'; value: number; nan?: true; inf?: true; raw: string }
  export interface StringLiteral { type: 'StringLiteral'; value: string }
  export interface ValtypeLiteral { type: 'ValtypeLiteral'; name: Valtype }
  export type Index = Identifier | NumberLiteral;
  export type NumericLiteral = NumberLiteral | LongNumberLiteral | FloatLiteral;
  export type Expression = Instruction | Identifier | NumericLiteral | StringLiteral | ValtypeLiteral;

  export interface FuncParam { id?: string | null; valtype: Valtype }
  export interface Signature { type: 'Signature'; params: FuncParam[]; results: Valtype[] }
  export type SignatureOrTypeRef = Signature | Index;

  export interface Instr {
    type: 'Instr';
    id: string;
    object?: string;
    args: Expression[];
    namedArgs?: Record<string, unknown>;
  }
  export interface BlockInstruction { type: 'BlockInstruction'; id: 'block'; label: Identifier | null; instr: Instruction[]; result: Valtype | null }
  export interface LoopInstruction { type: 'LoopInstruction'; id: 'loop'; label: Identifier | null; resulttype: Valtype | null; instr: Instruction[] }
  export interface IfInstruction {
    type: 'IfInstruction';
    id: 'if';
    testLabel: Identifier | null;
    test: Instruction[];
    result: Valtype | null;
    consequent: Instruction[];
    alternate: Instruction[];
  }
  export interface CallInstruction { type: 'CallInstruction'; id: 'call'; index: Index; instrArgs?: Expression[] }
  export interface CallIndirectInstruction { type: 'CallIndirectInstruction'; id: 'call_indirect'; signature: SignatureOrTypeRef; intrs?: Expression[] }
  export type Instruction = Instr | BlockInstruction | LoopInstruction | IfInstruction | CallInstruction | CallIndirectInstruction;

  export interface Func { type: 'Func'; name: Index | null; signature: SignatureOrTypeRef; body: Instruction[]; isExternal?: true }
  export interface TypeInstruction { type: 'TypeInstruction'; id?: Index; functype: Signature }
  export interface Limit { type: 'Limit'; min: number; max?: number; shared?: true }
  export interface Memory { type: 'Memory'; limits: Limit; id: Index | null }
  export interface Table { type: 'Table'; elementType: string; limits: Limit; name: Identifier | null; elements?: Index[] }
  export interface GlobalType { type: 'GlobalType'; valtype: Valtype; mutability: Mutability }
  export interface Global { type: 'Global'; globalType: GlobalType; init: (Instruction | ModuleImport)[]; name: Identifier | null }
  export interface FuncImportDescr { type: 'FuncImportDescr'; id: Identifier; signature: Signature }
  export interface ModuleImport { type: 'ModuleImport'; module: string; name: string; descr: FuncImportDescr | GlobalType | Memory | Table }
  export interface ModuleExportDescr { type: 'ModuleExportDescr'; exportType: ExportDescrType; id: Index }
  export interface ModuleExport { type: 'ModuleExport'; name: string; descr: ModuleExportDescr }
  /** `values` are bytes; frontends/ast.ts also accepts Identifiers there (a pointer, see docs/compiler-units.md). */
  export interface ByteArray { type: 'ByteArray'; values: (number | Identifier)[] }
  export interface Data { type: 'Data'; memoryIndex: NumberLiteral; offset: Instruction; init: ByteArray }
  export interface Start { type: 'Start'; index: Index }
  export interface Elem { type: 'Elem'; table: Index; offset: Instruction[]; funcs: Index[] }
  export type ModuleField =
    | Func | TypeInstruction | Memory | Table | Global | ModuleImport | ModuleExport | Data | Start | Elem;
  export interface Module { type: 'Module'; id: string | null; fields: ModuleField[] }
  export interface Program { type: 'Program'; body: (Module | ModuleField)[] }

  export function program(body: (Module | ModuleField)[]): Program;
  export function module(id: string | null | undefined, fields: ModuleField[]): Module;
  export function identifier(value: string, raw?: string): Identifier;
  export function numberLiteralFromRaw(raw: string | number, instructionType?: 'i32' | 'u32' | 'i64' | 'f32' | 'f64'): NumberLiteral;
  export function numberLiteral(value: number, raw: string): NumberLiteral;
  export function longNumberLiteral(value: { high: number; low: number }, raw: string): LongNumberLiteral;
  export function floatLiteral(value: number, nan: boolean | null | undefined, inf: boolean | null | undefined, raw: string): FloatLiteral;
  export function stringLiteral(value: string): StringLiteral;
  export function valtypeLiteral(name: Valtype): ValtypeLiteral;
  export function indexLiteral(value: number | string): NumberLiteral;
  export function memIndexLiteral(value: number | string): NumberLiteral;
  export function funcParam(valtype: Valtype, id?: string): FuncParam;
  export function signature(params: FuncParam[], results: Valtype[]): Signature;
  export function instruction(id: string, args?: Expression[], namedArgs?: Record<string, unknown>): Instr;
  export function objectInstruction(id: string, object: string, args?: Expression[], namedArgs?: Record<string, unknown>): Instr;
  export function blockInstruction(label: Identifier | null, instr: Instruction[], result?: Valtype | null): BlockInstruction;
  export function loopInstruction(label: Identifier | null, resulttype: Valtype | null | undefined, instr: Instruction[]): LoopInstruction;
  export function ifInstruction(
    testLabel: Identifier | null, test: Instruction[], result: Valtype | null, consequent: Instruction[], alternate: Instruction[],
  ): IfInstruction;
  export function callInstruction(index: Index, instrArgs?: Expression[]): CallInstruction;
  export function callIndirectInstruction(signature: SignatureOrTypeRef, intrs?: Expression[]): CallIndirectInstruction;
  export function func(name: Index | null, signature: SignatureOrTypeRef, body: Instruction[], isExternal?: boolean): Func;
  export function typeInstruction(id: Index | undefined, functype: Signature): TypeInstruction;
  export function limit(min: number, max?: number, shared?: boolean): Limit;
  export function memory(limits: Limit, id: Index | null): Memory;
  export function table(elementType: string, limits: Limit, name: Identifier | null, elements?: Index[]): Table;
  export function globalType(valtype: Valtype, mutability: Mutability): GlobalType;
  export function global(globalType: GlobalType, init: (Instruction | ModuleImport)[], name: Identifier | null): Global;
  export function funcImportDescr(id: Identifier, signature: Signature): FuncImportDescr;
  export function moduleImport(module: string, name: string, descr: FuncImportDescr | GlobalType | Memory | Table): ModuleImport;
  export function moduleExportDescr(exportType: ExportDescrType, id: Index): ModuleExportDescr;
  export function moduleExport(name: string, descr: ModuleExportDescr): ModuleExport;
  export function byteArray(values: (number | Identifier)[]): ByteArray;
  export function data(memoryIndex: NumberLiteral, offset: Instruction, init: ByteArray): Data;
  export function start(index: Index): Start;
  export function elem(table: Index, offset: Instruction[], funcs: Index[]): Elem;
}
