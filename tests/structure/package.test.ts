// The npm package as users install it, the quick part of scripts/test-package.mjs run on the build
// `npm test` has just made: the packed file list (no tests, no sources, LICENSE and the command in),
// the tarball installed into an empty project and loaded with require() and import, bundled by
// esbuild for the browser and run with no node globals, and the Windows shims npm makes for
// bin/wlink.js. `npm run test-package` runs every check, the installs
// from git and from a folder included.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

test('packed, installed, required, imported, bundled for a browser; Windows shims run node', () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'test-package.mjs'), '--built', '--only', 'tarball', 'require', 'browser', 'windows'],
    { cwd: REPO, encoding: 'utf8' });
  expect({ status: r.status, output: r.stdout + r.stderr }).toEqual({ status: 0, output: expect.stringMatching(/ok {3}tarball[^]*ok {3}require[^]*ok {3}browser[^]*ok {3}windows/) });
}, 120_000);
