#!/usr/bin/env node
// `npm run playground`: serves the playground (examples/playground/) on localhost, with the files
// its page imports: wlink's browser entry (dist/browser/, made by npm run build), @yowasp/clang's
// bundle and resources, and @bjorn3/browser_wasi_shim. A static server on node's http module; it
// serves only the folders below (the URL prefixes the page's import map uses), nothing else.
//
//   node scripts/playground.mjs [--port N] [--host H]
//     --port: the port (default 8080; 0 picks a free one)
//     --host: the address to listen on (default 127.0.0.1)
//
// When listening it prints one line, `playground: http://HOST:PORT/`, which
// tests/browser/playground.test.mjs reads to find the port.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptOptions, scriptOptions } from './lib/script-options.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** URL prefix → folder. */
const MOUNTS = [
  ['/wlink/', path.join(REPO, 'dist', 'browser')],
  ['/vendor/clang/', path.join(REPO, 'node_modules', '@yowasp', 'clang', 'gen')],
  ['/vendor/wasi-shim/', path.join(REPO, 'node_modules', '@bjorn3', 'browser_wasi_shim', 'dist')],
  ['/', path.join(REPO, 'examples', 'playground')],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.map': 'application/json',
  '.wasm': 'application/wasm', '.tar': 'application/x-tar',
};

/** The file a URL path names, or null (outside every mount, `..`, not a regular file). */
function fileFor(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').includes('..')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix)) continue;
    const file = path.join(dir, decoded.slice(prefix.length));
    if (!file.startsWith(dir + path.sep)) return null;
    try {
      return fs.statSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }
  return null;
}

function serve(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = fileFor(url.pathname);
  if (file === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${url.pathname}\n`);
    return;
  }
  const vendor = url.pathname.startsWith('/vendor/');
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': fs.statSync(file).size,
    // @yowasp's 100 MB are fetched twice per page load (clang's runtime, then the sysroot): let the
    // browser keep them; the playground's own files and wlink are re-checked on every load.
    'cache-control': vendor ? 'max-age=3600' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

/** Starts the server; resolves to its URL once it listens. */
export function startPlayground({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = http.createServer(serve);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ server, url: `http://${shown}:${address.port}/` });
    });
  });
}

// Run as a script (through a symlink too), not when imported.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const first = (v) => (Array.isArray(v) ? v[0] : v); // given twice, the first one counts
  const cli = scriptOptions('node scripts/playground.mjs', 'Usage: $0 [--port N] [--host H]\n\n' +
      'Serves the playground (examples/playground/) with wlink\'s browser entry, @yowasp/clang and the WASI shim.')
    .option('port', { type: 'number', requiresArg: true, coerce: first, default: 8080, describe: 'the port (0: a free one)' })
    .option('host', { type: 'string', requiresArg: true, coerce: first, default: '127.0.0.1', describe: 'the address to listen on' });
  const opts = parseScriptOptions(cli, 'playground', {
    check: (a) => {
      if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new Error(`--port must be 0-65535, not ${a.port}`);
      return true;
    },
  });
  if (!fs.existsSync(path.join(REPO, 'dist', 'browser', 'wlink.mjs'))) {
    process.stderr.write('playground: dist/browser/wlink.mjs is missing: run npm run build first\n');
  }
  const { url } = await startPlayground({ port: opts.port, host: opts.host });
  process.stdout.write(`playground: ${url}\n`);
}
