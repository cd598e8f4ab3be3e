#!/usr/bin/env node
// The review-post command as npm installs it (package.json "bin"): the
// one-file bundle, from V8's code cache (src/cli/load-bundle.cts). A cold start
// then compiles and links almost nothing: the review itself is what costs.

import { dirname } from 'node:path';
import { loadBundle } from './cli/load-bundle.cjs';

loadBundle(dirname(__dirname)).exports.runCommand(process.argv);
