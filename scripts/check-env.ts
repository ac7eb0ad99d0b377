// Guards `npm test`: the right Node for our scripts, a Chromium for browser tests and faketime
// for the clock step.
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.ts';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `vnhealth: npm scripts must run on Node 24 LTS, but this is Node ${process.versions.node}.\n` +
      'The "node" devDependency provides it: run `npm ci` with install scripts enabled ' +
      '(not --ignore-scripts) so node_modules/.bin/node exists.',
  );
  process.exit(1);
}
if (!chromiumPath()) {
  console.error(
    'vnhealth: no Chromium found for browser tests.\n' +
      'Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a ' +
      'Chromium/Chrome binary, or run `npx playwright install chromium` where downloads are allowed.',
  );
  process.exit(1);
}
if (!existsSync('/usr/bin/faketime')) {
  console.error(
    'vnhealth: faketime is missing; the clock step runs the suite at other dates under it.\n' +
      'Install it: `sudo apt-get install -y faketime` (Debian/Ubuntu).',
  );
  process.exit(1);
}
