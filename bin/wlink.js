#!/usr/bin/env node
'use strict';
process.exitCode = require('../dist/linker/cli.js').main(process.argv.slice(2));
