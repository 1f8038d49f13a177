#!/usr/bin/env node
// The executable: real process streams and environment in, exit code out.

import { packageVersion } from '../package-root.js';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  version: packageVersion(),
});
