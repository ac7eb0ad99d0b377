// `npm run build`: `ng build` with the FHIR base URL compiled in. Angular has no environment
// variables in the browser; its `define` option replaces the global `SANDBOX_URL` (declared in
// src/sandbox-url.d.ts) with a constant at build time. This passes `SANDBOX_URL` from the
// environment when set; without it, angular.json's default (`http://127.0.0.1:8787/fhir/R4`)
// stays. Further arguments go to `ng build` (`npm run build -- --configuration development`).
import { spawnSync } from 'node:child_process';

const url = process.env.SANDBOX_URL;
const define = url ? ['--define', `SANDBOX_URL=${JSON.stringify(url)}`] : [];
const result = spawnSync('ng', ['build', ...define, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // `ng` is a .cmd shim on Windows.
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
