// The sandbox's declared Node range is true: the built bin and entry on the machine's Node 20 say
// clearly which Node they need, and on Node 24 the bin starts a server; from source (`npm run
// sandbox`) still works. Runs the built dist/ (`npm run build` first), as `npx vnhealth-sandbox`
// would.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_NODE } from '../packages/sandbox/src/node-version.ts';

const root = join(import.meta.dirname, '..');
const sandboxDir = join(root, 'packages', 'sandbox');
const dist = join(sandboxDir, 'dist');
/** The machine's Node 20 (Debian's); the workspace's npm scripts run Node 24. */
const node20 = process.env.VNH_NODE20 ?? '/usr/bin/node';
const node24 = join(root, 'node_modules', '.bin', 'node');
const manifest = JSON.parse(readFileSync(join(sandboxDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  engines: Record<string, string>;
};
const bin = join(sandboxDir, manifest.bin['vnhealth-sandbox'] ?? 'missing-bin');

function built(): void {
  if (!existsSync(join(dist, 'index.js')) || !existsSync(bin))
    throw new Error('packages/sandbox has no dist/: run `npm run build` first.');
}

function version(node: string): string {
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/** Start the CLI on a free port and return the FHIR base URL it prints, then stop it. */
async function serveOnce(node: string, script: string): Promise<{ url: string; status: number }> {
  const child = spawn(node, [script, '--port', '0', '--patients', '0', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /FHIR R4 sandbox: (\S+)/.exec(out);
        if (found?.[1]) resolve(found[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before serving:\n${stderr}`)));
    });
    const res = await fetch(`${url}/metadata`);
    return { url, status: res.status };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('@vnhealth/sandbox engines', () => {
  it('declares the range its check enforces', () => {
    expect(manifest.engines.node).toBe(SUPPORTED_NODE);
  });

  it('on Node 20 the bin says which Node it needs, in one line, and exits 1', () => {
    built();
    expect(version(node20)).toMatch(/^v20\./);
    const run = spawnSync(node20, [bin, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    // One line: no stack trace, no SyntaxError from a module that cannot load on Node 20.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vnhealth-sandbox: @vnhealth\/sandbox needs Node /);
    expect(lines[0]).toContain(`needs Node ${SUPPORTED_NODE}`);
    expect(lines[0]).toContain(`this is Node ${version(node20).slice(1)}`);
    expect(lines[0]).toContain('@vnhealth/core itself runs on Node 20');
  });

  it("on Node 20 `import '@vnhealth/sandbox'` fails with that message", () => {
    built();
    const entry = new URL(`file://${join(dist, 'index.js')}`).href;
    const run = spawnSync(
      node20,
      [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(entry)}).then(() => console.log('loaded'), (e) => { console.log(e.message); process.exit(3); })`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(3);
    expect(run.stdout).toContain(`@vnhealth/sandbox needs Node ${SUPPORTED_NODE}`);
  });

  it('the published files never load registerHooks (Node >= 22.15, from-source runs only)', () => {
    built();
    const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
    expect(files).toContain('cli.js');
    for (const file of files) {
      expect(readFileSync(join(dist, file), 'utf8'), file).not.toContain('registerHooks');
    }
  });

  it('on Node 24 the bin serves FHIR R4', async () => {
    built();
    expect(version(node24)).toMatch(/^v24\./);
    const served = await serveOnce(node24, bin);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    expect(served.status).toBe(200);
  });

  it('on Node 24 the CLI still runs from TypeScript source (`npm run sandbox`)', async () => {
    const served = await serveOnce(node24, join(sandboxDir, 'src', 'cli.ts'));
    expect(served.status).toBe(200);
  });
});
