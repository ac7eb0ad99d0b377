// examples/portal as a user gets it: copied out, installed from the packed tarballs (Vite from the
// registry, as its package.json says), `npm run build` per its README, the built page served
// statically against the packed sandbox's CLI: Chromium shows the seeded patients under the
// page's strict CSP, with no console error and no CSP violation.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { useExample } from './examples.ts';
import { consumerEnv, pageProblems, run, serveStatic } from './harness.ts';

const env = consumerEnv(24);

const example = useExample('portal', env);

test('npm run build → the built portal shows Nguyễn Văn An and Trần Thị Bình under its CSP, no errors', async () => {
  const build = await run('npm', ['run', 'build'], {
    cwd: example.dir,
    env: { ...env, VITE_SANDBOX_URL: example.sandbox.baseUrl },
  });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const server = await serveStatic(join(example.dir, 'dist'));
  const page = await example.browser.newPage();
  const errors = pageProblems(page);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(`${server.url}/`);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    const card = page.locator('vnh-patient-profile-card');
    await card.getByText('Nguyễn Văn An').first().waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: /Trần Thị Bình/ }).click();
    await card.getByText('Trần Thị Bình').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
});
