// The generated typings from the installed tarballs, in the frameworks users write: a consumer
// folder with React 19, Preact, Solid and Vue (exact versions) compiles the fixtures in
// fixtures/typings/ with its own TypeScript (vue-tsc for the Vue SFCs), strict, skipLibCheck
// false. Each framework's good file (JSX intrinsic elements, the @vnhealth/components/react
// wrappers, define.js's DOM types) compiles clean; each bad file reports exactly the errors its
// `next: TS<code>` comments mark (a wrong attribute type, a misspelt property, a value outside a
// string-literal union, a wrong event type) and nothing else.
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { installConsumer } from '../../scripts/pack.ts';
import { consumerEnv, root, run, type RunResult } from './harness.ts';

const versions = {
  react: '19.3.1',
  '@types/react': '~19.3.0',
  preact: '11.2.0',
  'solid-js': '1.9.19',
  vue: '3.5.45',
  'vue-tsc': '3.3.14',
  typescript: '~6.0.3',
};

const env = consumerEnv(24);
const dir = installConsumer('typings', {
  tarballs: {
    '@vnhealth/core': inject('tarballs')['@vnhealth/core'],
    '@vnhealth/components': inject('tarballs')['@vnhealth/components'],
  },
  dependencies: versions,
});
const fixtures = join(root, 'test/consumer/fixtures/typings');

const strict = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  // Only what the files import: no @types package joins the program by being installed.
  types: [],
};

/** Each framework's compiler options and checker (tsc, or vue-tsc for SFCs). */
const frameworks = {
  react: { jsx: { jsx: 'react-jsx' }, checker: 'typescript/bin/tsc' },
  preact: { jsx: { jsx: 'react-jsx', jsxImportSource: 'preact' }, checker: 'typescript/bin/tsc' },
  solid: { jsx: { jsx: 'preserve', jsxImportSource: 'solid-js' }, checker: 'typescript/bin/tsc' },
  vue: { jsx: { jsx: 'preserve' }, checker: 'vue-tsc/bin/vue-tsc.js' },
} as const;
type Framework = keyof typeof frameworks;

const checks = new Map<Framework, Promise<RunResult>>();
for (const [name, { jsx, checker }] of Object.entries(frameworks) as [
  Framework,
  (typeof frameworks)[Framework],
][]) {
  cpSync(join(fixtures, name), join(dir, name), { recursive: true });
  const tsconfig = {
    compilerOptions: { ...strict, ...jsx },
    include: ['*.ts', '*.tsx', '*.vue'],
    // Unknown attributes are errors in templates, as in TSX.
    ...(name === 'vue' ? { vueCompilerOptions: { strictTemplates: true } } : {}),
  };
  writeFileSync(join(dir, name, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const bin = join(dir, 'node_modules', checker);
  checks.set(name, run('node', [bin, '-p', name, '--pretty', 'false'], { cwd: dir, env }));
}

afterAll(async () => {
  await Promise.allSettled(checks.values());
  rmSync(dir, { recursive: true, force: true });
});

/** `file:line TScode` of every diagnostic (`react/bad.tsx(10,7): error TS2322: …`). */
function diagnostics(result: RunResult): string[] {
  return result.stdout
    .split('\n')
    .flatMap((line) => {
      const m = /^(.+?)\((\d+),\d+\): error (TS\d+):/.exec(line);
      return m ? [`${m[1]}:${m[2]} ${m[3]}`] : [];
    })
    .sort();
}

/** What a bad fixture's `next: TS<code>` comments expect, in the same form. */
function marked(framework: Framework): string[] {
  const expected: string[] = [];
  for (const file of readdirSync(join(fixtures, framework))) {
    if (!/^bad\.|^Bad\./.test(file)) continue;
    readFileSync(join(fixtures, framework, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /next: (TS\d+)/.exec(line);
        if (m) expected.push(`${framework}/${file}:${i + 2} ${m[1]}`);
      });
  }
  return expected.sort();
}

describe.each(Object.keys(frameworks) as Framework[])(
  '%s, strict, skipLibCheck false, against the installed tarballs',
  (framework) => {
    test('the good file compiles; the bad file reports exactly its marked errors', async () => {
      const result = await checks.get(framework)!;
      const expected = marked(framework);
      expect(expected.length, 'the bad fixture marks its mistakes').toBeGreaterThanOrEqual(3);
      expect(result.code, result.stdout + result.stderr).not.toBe(0);
      expect(diagnostics(result), result.stdout + result.stderr).toEqual(expected);
    });
  },
);
