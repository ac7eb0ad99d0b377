// examples/vue as a user gets it: copied out, installed from the packed tarballs (Vue, Vite and
// vue-tsc from the registry, as its package.json says), `npm run build` per its README
// (`vue-tsc --noEmit && vite build`), the built app served statically against the packed
// sandbox's CLI: Chromium shows Nguyễn Văn An's card, switches language, shows the 14-month-old's
// vaccination history with a vaccine the sandbox recorded, and the page hears `vnh-dose-select`;
// and with the generated `GlobalComponents` typings, vue-tsc rejects a wrong attribute type and a
// wrong event detail in the app's template.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { useExample } from './examples.ts';
import { consumerEnv, run, serveStatic } from './harness.ts';

const env = consumerEnv(24);

const example = useExample('vue', env);

/** vnh-pt-003's first completed dose as the sandbox stores it: its id and vaccine text. */
async function firstDoseOfKhoa(): Promise<{ id: string; vaccine: string }> {
  const bundle = (await (
    await fetch(
      `${example.sandbox.baseUrl}/Immunization?patient=vnh-pt-003&status=completed&_count=100`,
    )
  ).json()) as {
    entry?: {
      resource: { id: string; occurrenceDateTime?: string; vaccineCode?: { text?: string } };
    }[];
  };
  const doses = (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r.vaccineCode?.text && r.occurrenceDateTime)
    .sort((a, b) => a.occurrenceDateTime!.localeCompare(b.occurrenceDateTime!));
  expect(doses.length).toBeGreaterThan(0);
  return { id: doses[0]!.id, vaccine: doses[0]!.vaccineCode!.text! };
}

test('npm run build (vue-tsc + vite) → the app shows Nguyễn Văn An, a recorded vaccine, and handles vnh-dose-select; no errors', async () => {
  const build = await run('npm', ['run', 'build'], {
    cwd: example.dir,
    env: { ...env, VITE_SANDBOX_URL: example.sandbox.baseUrl },
  });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const { id, vaccine } = await firstDoseOfKhoa();
  const server = await serveStatic(join(example.dir, 'dist'));
  const page = await example.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  try {
    await page.goto(`${server.url}/`);
    const card = page.locator('vnh-patient-profile-card');
    const history = page.locator('vnh-vaccination-history');
    await card.getByText('Nguyễn Văn An').first().waitFor({ timeout: 60_000 });
    // The client went in as a property (`.client`): the provider has no base-url attribute.
    expect(await page.locator('vnh-provider').getAttribute('base-url')).toBeNull();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Patient record' }).waitFor();
    await expect.poll(() => page.locator('vnh-provider').getAttribute('lang')).toBe('en');
    await card.getByRole('button', { name: /^Show CCCD number/ }).waitFor({ timeout: 30_000 });

    await page.getByRole('combobox', { name: 'Patient' }).selectOption('vnh-pt-003');
    await card.getByText('Lê Minh Khoa').first().waitFor({ timeout: 60_000 });
    const row = history.locator(`[part~="row"][data-id="${id}"]`).first();
    await row.getByText(vaccine, { exact: true }).waitFor({ timeout: 60_000 });
    await row.locator('[part~="dose-button"]').click();
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toContain(`Selected dose: ${vaccine}`);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
});

test('npm run build fails in vue-tsc when the template passes a number as patient-id or reads a detail field that does not exist', async () => {
  const file = join(example.dir, 'src', 'App.vue');
  const source = readFileSync(file, 'utf8');
  const wrong = source
    .replace(
      ':patient-id="patientId"\n        :heading-level',
      ':patient-id="42"\n        :heading-level',
    )
    .replace('@vnh-dose-select="onDoseSelect"', '@vnh-dose-select="(e) => e.detail.nope"');
  expect(wrong.match(/"42"|e\.detail\.nope/g)).toHaveLength(2);
  writeFileSync(file, wrong);
  try {
    const build = await run('npm', ['run', 'build'], { cwd: example.dir, env });
    const output = build.stdout + build.stderr;
    expect(build.code, output).not.toBe(0);
    expect(output).toMatch(
      /App\.vue\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
    expect(output).toMatch(
      /error TS2339: Property 'nope' does not exist on type 'VaccinationDoseSelectDetail'/,
    );
  } finally {
    writeFileSync(file, source);
  }
});
