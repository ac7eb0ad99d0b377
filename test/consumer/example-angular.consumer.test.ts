// examples/angular as a user gets it: copied out, installed from the packed tarballs (Angular's
// toolchain from the registry, as its package.json says), `npm run build` per its README (`ng
// build` with SANDBOX_URL compiled in), the built app served statically against the packed
// sandbox's CLI: Chromium shows Nguyễn Văn An's card and the appointment list, the typed
// `vnh-identifier-reveal` handler hears the reveal, the typed element ref switches the card's
// variant; and the strict template type-check rejects a handler of the wrong event type.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { useExample } from './examples.ts';
import { consumerEnv, run, serveStatic } from './harness.ts';

const env = { ...consumerEnv(24), NG_CLI_ANALYTICS: 'false' };

const example = useExample('angular', env);

test('SANDBOX_URL=… npm run build (ng build) → the card and the appointment list render, the typed reveal event reaches the app; no errors', async () => {
  const build = await run('npm', ['run', 'build'], {
    cwd: example.dir,
    env: { ...env, SANDBOX_URL: example.sandbox.baseUrl },
  });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const server = await serveStatic(join(example.dir, 'dist', 'browser'));
  const page = await example.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  try {
    await page.goto(`${server.url}/`);
    const card = page.locator('vnh-patient-profile-card');
    await card.getByText('Nguyễn Văn An').first().waitFor({ timeout: 60_000 });
    // The appointment list loaded through the same client: its list or its empty state.
    await page
      .locator('vnh-appointment-list')
      .locator('[part~="upcoming"], [part~="empty"]')
      .first()
      .waitFor({ timeout: 60_000 });

    await card.getByRole('button', { name: /^Hiện số CCCD/ }).click();
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toContain('Đã xem CCCD của vnh-pt-001');

    await page.getByRole('button', { name: 'Thu gọn thẻ' }).click();
    await expect.poll(() => card.getAttribute('variant')).toBe('compact');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Patient record' }).waitFor();
    await card.getByRole('button', { name: /^Show CCCD number/ }).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
});

test('ng build rejects a vnh-identifier-reveal handler typed for another event (strictTemplates + HTMLElementTagNameMap)', async () => {
  const file = join(example.dir, 'src', 'app', 'app.ts');
  const source = readFileSync(file, 'utf8');
  const wrong = source.replace(
    'protected onReveal(event: IdentifierRevealEvent): void {',
    'protected onReveal(event: AppointmentChangedEvent): void {\n    void event.appointment;',
  );
  expect(wrong).not.toBe(source);
  writeFileSync(file, wrong.replace('event.kind, event.patientId', "'?', undefined"));
  try {
    const build = await run('npm', ['run', 'build'], { cwd: example.dir, env });
    expect(build.code).not.toBe(0);
    expect(build.stdout + build.stderr).toMatch(
      /TS2345: Argument of type 'IdentifierRevealEvent' is not assignable to parameter of type 'AppointmentChangedEvent'/,
    );
  } finally {
    writeFileSync(file, source);
  }
});
