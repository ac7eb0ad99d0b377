// `npm test`: everything a fresh clone needs to prove itself, in order, failing fast.
// build → typecheck → lint → every vitest project → the clock runs → package checks → docs (the
// core API reference with TypeDoc and the static Storybook) → bundle budgets.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

interface Step {
  name: string;
  command: string;
  args: string[];
}

const vitestReport = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });

const steps: Step[] = [
  { name: 'build', command: 'npm', args: ['run', 'build'] },
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'] },
  { name: 'lint', command: 'npm', args: ['run', 'lint'] },
  {
    name: 'tests',
    command: 'npx',
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
      ...process.argv.slice(2),
    ],
  },
  { name: 'clock', command: 'npm', args: ['run', 'test:clock'] },
  { name: 'package checks', command: 'npm', args: ['run', 'check:packages'] },
  { name: 'docs', command: 'npm', args: ['run', 'docs:build'] },
  { name: 'bundle budgets', command: 'npm', args: ['run', 'size', '--', '--check'] },
];

const only = process.env.VNH_TEST_STEPS?.split(',').map((s) => s.trim());
const timings: string[] = [];
const started = Date.now();

for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  const t0 = Date.now();
  console.log(`\n▶ ${step.name}: ${step.command} ${step.args.join(' ')}`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(
    `${step.name.padEnd(16)} ${seconds.padStart(7)} s  ${result.status === 0 ? 'ok' : 'FAILED'}`,
  );
  if (step.name === 'tests') printCounts();
  if (result.status !== 0) {
    console.error(
      `\n✖ npm test failed at "${step.name}" (exit ${result.status ?? result.signal}).`,
    );
    console.log(timings.join('\n'));
    process.exit(result.status ?? 1);
  }
}

console.log(`\nnpm test steps:\n${timings.join('\n')}`);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);

function printCounts(): void {
  try {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      testResults: { name: string; assertionResults: { status: string }[] }[];
    };
    const perProject = new Map<string, number>();
    for (const file of report.testResults) {
      const project = file.name.includes('/test/e2e/')
        ? 'e2e'
        : file.name.endsWith('.consumer.test.ts')
          ? 'consumer'
          : file.name.endsWith('.stories.ts')
            ? 'storybook'
            : file.name.includes('/packages/components/') || file.name.endsWith('.browser.test.ts')
              ? 'browser'
              : 'node';
      const passed = file.assertionResults.filter((a) => a.status === 'passed').length;
      perProject.set(project, (perProject.get(project) ?? 0) + passed);
    }
    console.log(
      `\ntests passed per layer: ${[...perProject].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    console.log(
      `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
    );
  } catch {
    console.log('tests: no vitest report was written');
  }
}
