// target_features checks, as wasm-ld makes them: a feature used by one object and disallowed
// (`-`) by another is an error; with --features=, every used feature must be in the list.
import { LinkContext } from './context';

export function checkFeatures(ctx: LinkContext): void {
  const o = ctx.options;
  if (!o.checkFeatures) return;
  const used = new Map<string, string>();
  const disallowed = new Map<string, string>();
  for (const file of ctx.files) {
    for (const f of file.obj.targetFeatures) {
      if (f.prefix === 0x2b) { if (!used.has(f.name)) used.set(f.name, file.name); }
      else if (f.prefix === 0x2d) { if (!disallowed.has(f.name)) disallowed.set(f.name, file.name); }
      else if (f.prefix !== 0x3d) ctx.diag.error(`${file.name}: Unrecognized feature policy prefix ${f.prefix}`);
    }
  }
  if (o.features) {
    const allowed = new Set([...o.features, ...o.extraFeatures]);
    for (const [name, file] of used) {
      if (!allowed.has(name)) ctx.diag.error(`Target feature '${name}' used by ${file} is not allowed.`);
    }
  }
  for (const file of ctx.files) {
    for (const f of file.obj.targetFeatures) {
      if (f.prefix === 0x2d) continue;
      const by = disallowed.get(f.name);
      if (by !== undefined) ctx.diag.error(`Target feature '${f.name}' used in ${file.name} is disallowed by ${by}. Use --no-check-features to suppress.`);
    }
  }
}
