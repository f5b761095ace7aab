// target_features checks, as wasm-ld makes them: a feature used by one object and disallowed
// (`-`) by another is an error; a feature one object requires (`=`, wasm-ld 19) must be used by
// every object; with --features=, every used feature must be in the list; --shared-memory and live
// thread-local data need atomics and bulk memory; and a mutable global may be imported or exported only when the output
// has the mutable-globals feature.
import { ExternalKind, FeaturePrefix, SymKind } from '../../formats/wasm';
import { LinkContext, ObjFile } from '../core/context';
import { displayName } from '../../demangle/demangle';
import { Plan } from '../core/plan';
import { declaresUse, featureUsed, isTlsSegment, memoryOptionErrors } from '../core/rules';
import { SymId } from '../core/symbols';

export function checkFeatures(ctx: LinkContext): void {
  const o = ctx.options;
  if (!o.checkFeatures) return;
  // Each feature with the first input that uses, requires or disallows it.
  const used = new Map<string, string>();
  const required = new Map<string, string>();
  const disallowed = new Map<string, string>();
  const first = (map: Map<string, string>, name: string, file: string) => { if (!map.has(name)) map.set(name, file); };
  for (const file of ctx.files) {
    for (const f of file.obj.targetFeatures) {
      if (declaresUse(f.prefix)) first(used, f.name, file.name);
      if (f.prefix === FeaturePrefix.Required) first(required, f.name, file.name);
      else if (f.prefix === FeaturePrefix.Disallowed) first(disallowed, f.name, file.name);
      else if (f.prefix !== FeaturePrefix.Used) ctx.diag.error(`${file.name}: Unrecognized feature policy prefix ${f.prefix}`);
    }
  }
  if (o.sharedMemory) checkSharedMemoryFeatures(ctx, disallowed);
  checkTlsFeatures(ctx);
  if (o.features) {
    const allowed = new Set([...o.features, ...o.extraFeatures]);
    for (const [name, file] of used) {
      if (!allowed.has(name)) ctx.diag.error(`Target feature '${name}' used by ${file} is not allowed.`);
    }
  }
  for (const file of ctx.files) {
    const own = new Set<string>();
    for (const f of file.obj.targetFeatures) {
      if (f.prefix === FeaturePrefix.Disallowed) continue;
      own.add(f.name);
      const by = disallowed.get(f.name);
      if (by !== undefined) ctx.diag.error(`Target feature '${f.name}' used in ${file.name} is disallowed by ${by}. Use --no-check-features to suppress.`);
    }
    // Inputs the linker makes itself (compiler units, their constants) declare no policies.
    if (file.unit !== null || file.id === ctx.constPool) continue;
    for (const [name, by] of required) {
      if (!own.has(name)) ctx.diag.error(`Missing target feature '${name}' in ${file.name}, required by ${by}. Use --no-check-features to suppress.`);
    }
  }
}

/** What to compile `file` with for shared memory (clang's flags). */
const recompile = (file: string) => `recompile ${file} with -matomics -mbulk-memory (or -pthread)`;

/**
 * --shared-memory needs atomics (the flag of __wasm_init_memory) and bulk memory (memory.init):
 * wasm-ld's errors when an input disallows shared memory (`-shared-mem`, which LLVM wrote for
 * objects compiled without them) or when no input uses one of them, each followed by a line that
 * names an input to recompile (or --features= to extend). wasm-ld checks this after laying out
 * memory and before scanning relocations: so memory errors the options alone cause come first
 * (layout will not run), and undefined symbols after (GC will not run).
 */
function checkSharedMemoryFeatures(ctx: LinkContext, disallowed: Map<string, string>): void {
  const by = disallowed.get('shared-mem');
  const missing = ['atomics', 'bulk-memory'].filter((f) => !featureUsed(ctx, f));
  if (by === undefined && missing.length === 0) return;
  for (const message of memoryOptionErrors(ctx)) ctx.diag.error(message);
  if (by !== undefined) {
    ctx.diag.error(`--shared-memory is disallowed by ${by} because it was not compiled with 'atomics' or 'bulk-memory' features.\n` +
      `>>> ${recompile(by)}`);
  }
  for (const feature of missing) {
    const lacking = ctx.files.find((f) => f.unit === null && f.id !== ctx.constPool && !f.obj.targetFeatures.some((t) => t.name === feature && declaresUse(t.prefix)));
    const hint = ctx.options.features ? `add ${feature} to --features=` : lacking ? recompile(lacking.name) : `link inputs compiled with -matomics -mbulk-memory (or -pthread)`;
    ctx.diag.error(`'${feature}' feature must be used in order to use shared memory\n>>> ${hint}`);
  }
}

/**
 * Thread-local data needs atomics and bulk memory (its block is made by memory.init, its base is a
 * thread's own), with or without --shared-memory: wasm-ld's errors when live thread-local data (any
 * in -r) meets an output without them, with a line naming an input to recompile.
 */
function checkTlsFeatures(ctx: LinkContext): void {
  let user: ObjFile | null = null;
  for (const file of ctx.files) {
    if (file.obj.segments.some((seg, i) => isTlsSegment(seg) && (ctx.options.relocatable ? file.segDiscarded[i] === 0 : file.segLive[i] === 1))) {
      user = file;
      break;
    }
  }
  if (user === null) return;
  for (const feature of ['atomics', 'bulk-memory']) {
    if (featureUsed(ctx, feature)) continue;
    const hint = ctx.options.features ? `add ${feature} to --features=` : recompile(user.name);
    ctx.diag.error(`'${feature}' feature must be used in order to use thread-local storage\n>>> ${hint}`);
  }
}

/**
 * Engines without mutable-globals reject a module that imports or exports a mutable global, so
 * wasm-ld refuses to write one unless the output's features (--features=, or those the inputs
 * use) include it. Imports first, then exports, each in output order, as wasm-ld reports them.
 */
export function checkMutableGlobals(ctx: LinkContext, plan: Plan): void {
  const o = ctx.options;
  if (!o.checkFeatures || featureUsed(ctx, 'mutable-globals')) return;
  const report = (what: string, id: SymId) => ctx.diag.error(`mutable global ${what} but 'mutable-globals' feature not present in inputs: \`${
    displayName(ctx.syms.nameOf(id), o.demangle)}\`. Use --no-check-features to suppress.`);
  // GOT.mem/GOT.func imports are not checked (wasm-ld keeps them apart from the imported symbols).
  for (const imp of plan.imports) if (imp.kind === ExternalKind.Global && imp.mutable && !imp.got) report('imported', imp.sym);
  // Any global symbol exported, mutable or not (wasm-ld's words say mutable; 19 and 21 check only
  // that it is a global, so `__tls_size` under --export-all counts); data addresses do not.
  for (const exp of plan.exports) if (exp.kind === ExternalKind.Global && exp.sym >= 0 && ctx.syms.kind[exp.sym] === SymKind.Global) report('exported', exp.sym);
}
