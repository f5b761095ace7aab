#!/usr/bin/env node
// Fallback peak-RSS probe when /usr/bin/time is missing: runs a node script in this process and, at
// exit, writes this process's peak RSS (KiB, from process.resourceUsage().maxRSS) to a file.
//
//   node rss-wrap.mjs <report-file> <script.js|.mjs> [args...]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => fs.writeFileSync(report, `${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(path.resolve(script)).href);
