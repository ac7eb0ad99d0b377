// vitest globalSetup of the `consumer` project: pack every public package once per run and give
// the tarball paths to the test files (`inject('tarballs')`), which install them into their own
// folders outside the workspace; and the `node` shims that pick Node 20 or 24 in a consumer shell.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packWorkspace, publicPackages, root, type Tarballs } from '../../scripts/pack.ts';
import { makeNodeShims, type NodeMajor } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute paths of this run's packed tarballs, per package name. */
    tarballs: Tarballs;
    /** Per Node major, a folder holding only a `node` symlink to that Node (see harness.ts). */
    nodeShims: Record<NodeMajor, string>;
  }
}

/** Newest modification time of the files under `dir` that `filter` accepts (0 when none). */
function newest(dir: string, filter: (name: string) => boolean): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !filter(entry.name)) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * A tarball packed from a `dist/` older than its sources tests yesterday's code: refuse it. (The
 * test, story and fixture files under src/ are not built, so they do not count.)
 */
function assertBuilt(): void {
  for (const [name, folder] of Object.entries(publicPackages)) {
    const dir = join(root, folder);
    const source = newest(
      join(dir, 'src'),
      (f) => f.endsWith('.ts') && !/\.(test|stories|fixtures)\.ts$/.test(f),
    );
    let built: number;
    try {
      built = statSync(join(dir, 'dist', 'index.js')).mtimeMs;
    } catch {
      // packWorkspace explains a missing dist/.
      return;
    }
    if (source > built)
      throw new Error(
        `${name}: src/ is newer than dist/ — run \`npm run build\` before the consumer tests ` +
          '(`npm test` does).',
      );
  }
}

export default function setup({ provide }: Pick<TestProject, 'provide'>): () => void {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'vnh-consumer-run-'));
  const started = Date.now();
  const tarballs = packWorkspace(join(dir, 'tarballs'));
  provide('nodeShims', makeNodeShims(dir));
  console.log(
    `consumer: packed ${Object.keys(tarballs).length} packages in ${Date.now() - started} ms`,
  );
  provide('tarballs', tarballs);
  return () => rmSync(dir, { recursive: true, force: true });
}
