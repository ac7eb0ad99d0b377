#!/usr/bin/env node
// The published `vnhealth-sandbox` bin (built to dist/cli.js). It checks the Node version before
// loading anything that could fail on an old Node, then runs the CLI (src/cli.ts, built to
// dist/main.js). Only node-version.ts may be imported statically here: static imports load
// before this check runs.
import { supportsNode, unsupportedNodeMessage } from './node-version.ts';

if (supportsNode(process.versions.node)) {
  await import('./cli.ts');
} else {
  process.stderr.write(`vnhealth-sandbox: ${unsupportedNodeMessage(process.versions.node)}\n`);
  process.exit(1);
}
