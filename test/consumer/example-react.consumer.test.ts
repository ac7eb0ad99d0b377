// examples/react as a user gets it: copied out, installed from the packed tarballs (React, Vite
// and TypeScript from the registry, as its package.json says), `npm run build` per its README
// (`tsc --noEmit` with skipLibCheck false, then `vite build`), the built app served statically
// against the packed sandbox's CLI. In Chromium: the patient page shows the seeded patient; a
// consult booked on the booking page reaches the sandbox, and the app shows the time of the
// Appointment the typed `onVnhBooked` handler received.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { useExample } from './examples.ts';
import { consumerEnv, pageProblems, run, serveStatic } from './harness.ts';

const env = consumerEnv(24);
const wait = { timeout: 60_000 };
const example = useExample('react', env);
let app: { url: string; close(): Promise<void> };

beforeAll(async () => {
  const build = await run('npm', ['run', 'build'], {
    cwd: example.dir,
    env: { ...env, VITE_SANDBOX_URL: example.sandbox.baseUrl },
  });
  expect(build.code, build.stdout + build.stderr).toBe(0);
  expect(build.stdout, 'the build type-checks first').toContain('tsc --noEmit && vite build');
  app = await serveStatic(join(example.dir, 'dist'));
}, 240_000);

afterAll(() => app?.close());

/** A page of the built app that records console errors, uncaught exceptions and failed responses. */
async function open(hash: string) {
  const page = await example.browser.newPage();
  const errors = pageProblems(page, { responses: true });
  await page.goto(`${app.url}/${hash}`);
  return { page, errors };
}

test('the patient page shows Nguyễn Văn An in the card and the record summary', async () => {
  const { page, errors } = await open('#/patient/vnh-pt-001');
  try {
    await page.locator('vnh-patient-profile-card').getByText('Nguyễn Văn An').first().waitFor(wait);
    await page
      .locator('vnh-health-record-summary')
      .getByText(/\d{2}\/\d{2}\/\d{4}/)
      .first()
      .waitFor(wait);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

test('a consult booked on the booking page shows its time in the app, from the Appointment created', async () => {
  const { page, errors } = await open('#/patient/vnh-pt-001/booking');
  try {
    const booking = page.locator('vnh-consult-booking');
    await booking.getByRole('button', { name: 'Khám từ xa qua video' }).click(wait);
    await booking.getByRole('button', { name: 'Nội khoa' }).click(wait);
    await booking
      .getByRole('button', { name: /^Chọn bác sĩ/ })
      .first()
      .click(wait);
    const nearest = booking.getByRole('button', { name: 'Đến ngày gần nhất còn suất khám' });
    await booking.locator('button.day').first().waitFor(wait);
    if (await nearest.isVisible()) await nearest.click();
    else await booking.locator('button.day[aria-disabled="false"]').first().click(wait);
    await booking.locator('[part="slot"]').first().click(wait);
    await booking.getByLabel('Lý do khám').fill('Ho kéo dài (example-react)', wait);
    await booking.getByLabel('Số điện thoại').fill('0912345678');
    await booking.getByRole('button', { name: 'Tiếp tục' }).click();
    await booking.getByRole('button', { name: 'Xác nhận đặt lịch' }).click(wait);

    // What the app renders from the event's Appointment, outside the element.
    const time = page.locator('p.booked time');
    await time.waitFor(wait);
    const start = await time.getAttribute('datetime');
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const hhmm = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(start!));
    expect(await time.textContent()).toContain(hhmm);

    // The sandbox holds a booked Appointment of the patient at that time.
    const response = await fetch(
      `${example.sandbox.baseUrl}/Appointment?patient=Patient/vnh-pt-001&_count=200`,
    );
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as {
      entry?: { resource: { start?: string; status?: string } }[];
    };
    const starts = (bundle.entry ?? []).map((e) => e.resource.start);
    expect(starts.map((s) => s && new Date(s).getTime())).toContain(new Date(start!).getTime());
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
