#!/usr/bin/env node
// The command's entry as tsc builds it: dist/src/cli.js. The bin starts a
// bundle of the same program instead (see scripts/bundle.ts).

import { runCommand } from './cli/main.js';

runCommand(process.argv);
