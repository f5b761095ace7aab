#!/usr/bin/env node
// The @yowasp/clang fallback of the benchmark's corpus build (used when Debian's clang-19 is absent).
// Works in the cwd (the corpus dir); paths are relative to it.
//
//   node yowasp-cc.mjs <cflags...> -- src/a.c=large/a.o src/b.c=large/b.o ...   compile, one by one
//   node yowasp-cc.mjs --ar large/libx.a large/a.o ...                          llvm-ar rcs
//   node yowasp-cc.mjs --driver <clang link args...>                            print `clang -###`
import fs from 'node:fs';
import path from 'node:path';

const { runClang, runLLVM, commands } = await import('@yowasp/clang');
const argv = process.argv.slice(2);

/** Puts the real file `rel` (relative to the cwd) into the virtual tree (rooted at the cwd). */
function put(tree, rel, data = fs.readFileSync(rel)) {
  const parts = path.normalize(rel).split(path.sep);
  let dir = tree;
  for (const p of parts.slice(0, -1)) dir = dir[p] ??= {};
  dir[parts[parts.length - 1]] = data;
}
function get(tree, rel) {
  let node = tree;
  for (const p of path.normalize(rel).split(path.sep)) node = node?.[p];
  return node;
}

async function tool(fn, args, tree) {
  const chunks = [];
  const capture = (b) => { if (b) chunks.push(Buffer.from(b)); };
  try {
    const files = await fn(args, tree, { stdout: capture, stderr: capture, decodeASCII: false, fetchProgress: () => {} });
    return { files, output: Buffer.concat(chunks).toString('utf8') };
  } catch (err) {
    process.stderr.write(`${args.join(' ')}: ${err.message}\n${Buffer.concat(chunks).toString('utf8')}`);
    process.exit(1);
  }
}

if (argv[0] === '--ar') {
  const [archive, ...members] = argv.slice(1);
  const tree = {};
  for (const m of members) put(tree, m);
  put(tree, path.join(path.dirname(archive), '.keep'), new Uint8Array());
  const { files } = await tool(commands.ar, ['rcs', archive, ...members], tree);
  fs.writeFileSync(archive, get(files, archive));
} else if (argv[0] === '--driver') {
  // The driver only needs the inputs to exist: empty placeholders keep this cheap.
  const args = argv.slice(1);
  const tree = {};
  for (const a of args) if (!a.startsWith('-') && fs.existsSync(a) && fs.statSync(a).isFile()) put(tree, a, new Uint8Array());
  const { output } = await tool(runLLVM, ['clang', '-###', ...args], tree);
  process.stdout.write(output);
} else {
  const sep = argv.indexOf('--');
  const cflags = argv.slice(0, sep);
  const tree = {};
  const incDirs = cflags.filter((f) => f.startsWith('-I')).map((f) => f.slice(2));
  for (const d of incDirs) for (const f of fs.readdirSync(d)) if (f.endsWith('.h')) put(tree, path.join(d, f));
  for (const pair of argv.slice(sep + 1)) {
    const [src, obj] = pair.split('=');
    put(tree, src);
    put(tree, path.join(path.dirname(obj), '.keep'), new Uint8Array());
    const { files, output } = await tool(runClang, ['clang', ...cflags, src, '-o', obj], tree);
    if (output.trim()) process.stderr.write(output);
    fs.writeFileSync(obj, get(files, obj));
    const dir = path.dirname(src);
    delete (dir === '.' ? tree : get(tree, dir))[path.basename(src)]; // a source in the cwd itself lies at the root
  }
}
