// What a release needs in each public package.json and tarball: metadata, a true engines range,
// public access for the scoped name, every entry the package documents in `exports`, every
// target `exports` and `bin` name in the tarball, and no test-only file. Needs `npm run build`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_NODE } from '../../packages/sandbox/src/node-version.ts';
import {
  manifestOf,
  packageDir,
  publicPackages,
  publishedFiles,
  type PublicPackage,
} from './published-files.ts';

const names = Object.keys(publicPackages) as PublicPackage[];

/** Node ranges each package declares (see the engines tests in test/sandbox-engines.node.test.ts). */
const engines: Record<PublicPackage, string> = {
  '@vnhealth/core': '>=20',
  '@vnhealth/components': '>=20',
  '@vnhealth/sandbox': SUPPORTED_NODE,
};

const TEST_ONLY =
  /\.(test|stories|fixtures|e2e)\.ts$|(^|\/)(testing|fixtures|fixture-client)\.ts$|__screenshots__|\.vitest/;

/** Every file path an `exports` entry points to, in any condition. */
function exportTargets(exports: Record<string, string | Record<string, string>>): string[] {
  return Object.values(exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
}

describe.each(names)('%s', (name) => {
  const manifest = manifestOf(name);

  it('has the metadata a release needs', () => {
    expect(manifest.description).toEqual(expect.any(String));
    expect(manifest.license).toBe('MIT');
    expect(manifest.keywords).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(manifest.engines).toEqual({ node: engines[name] });
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    expect(manifest.type).toBe('module');
  });

  it('ships every exports and bin target, a README, and no test-only file', () => {
    const files = publishedFiles(name);
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    const targets = [...exportTargets(manifest.exports), ...Object.values(manifest.bin ?? {})];
    for (const target of targets)
      expect(files, `${target} is in the tarball`).toContain(target.replace(/^\.\//, ''));
    expect(files.filter((f) => TEST_ONLY.test(f))).toEqual([]);
  });
});

describe('@vnhealth/components exports', () => {
  it("exports the index, define.js, each element's define.js, server rendering, the CDN files and the generated entries", () => {
    const { exports } = manifestOf('@vnhealth/components');
    const src = join(packageDir('@vnhealth/components'), 'src');
    const elements = readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(src, d.name)).includes('define.ts'))
      .map((d) => d.name);
    expect(elements).toHaveLength(7);
    expect(Object.keys(exports).sort()).toEqual(
      [
        '.',
        './define.js',
        ...elements.map((el) => `./${el}/define.js`),
        './ssr',
        './ssr/hydrate.js',
        './cdn/vnhealth.js',
        './cdn/autoloader.js',
        './custom-elements.json',
        './package.json',
        // Generated from the manifest (scripts/generate.ts): React wrappers, typings, editor data.
        './react',
        './jsx-react',
        './jsx-preact',
        './jsx-solid',
        './vue',
        './vscode.html-custom-data.json',
        './web-types.json',
      ].sort(),
    );
  });
});
