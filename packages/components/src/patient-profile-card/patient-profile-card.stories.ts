import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createFixture, type Fixture } from '../shared/fixtures.ts';
import { fixtures, PWNED_FLAG } from './patient-profile-card.fixtures.ts';
import type { IdentifierRevealEvent, VnhPatientProfileCard } from './patient-profile-card.ts';
import './define.ts';

const TAG = 'vnh-patient-profile-card';

type Story = StoryObj;

const meta: Meta = {
  title: 'Elements/Patient profile card',
  component: TAG,
  parameters: { layout: 'padded' },
};
export default meta;

/** The card rendered by a story, once it has rendered. */
async function cardIn(canvasElement: HTMLElement): Promise<VnhPatientProfileCard> {
  const card = await waitFor(() => {
    const el = canvasElement.querySelector(TAG);
    if (!el) throw new Error('no card yet');
    return el;
  });
  await card.updateComplete;
  return card;
}

/** Testing Library does not pierce shadow DOM: query inside the card's shadow root. */
async function shadow(canvasElement: HTMLElement) {
  const card = await cardIn(canvasElement);
  return { card, view: within(card.shadowRoot as unknown as HTMLElement) };
}

function story(fixture: Fixture, play?: Story['play']): Story {
  return {
    ...(fixture.description
      ? { parameters: { docs: { description: { story: fixture.description } } } }
      : {}),
    render: () => {
      const el = createFixture(TAG, fixture);
      if (fixture.setup) void el.updateComplete.then(() => fixture.setup?.(el));
      return el;
    },
    ...(play ? { play } : {}),
  };
}

export const Default = story(fixtures.default, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByRole('heading', { level: 2 })).toHaveTextContent(/Nguyễn Văn An|\S/);
  await expect(view.getByRole('heading', { name: /Dị ứng \(2\)|Allergies \(2\)/ })).toBeVisible();
  await expect(view.getByText('Penicillin')).toBeVisible();
  await expect(view.getByText('••••••••2345')).toBeVisible();
});

export const Masked = story(fixtures.masked, async ({ canvasElement }) => {
  const { card, view } = await shadow(canvasElement);
  await expect(card.shadowRoot!.textContent).not.toContain('001085012345');
  const toggles = view.getAllByRole('button', { pressed: false });
  await expect(toggles).toHaveLength(2);
  // Reveal the CCCD: the page is asked first (kind and patient, never the number), then it shows.
  const asked: IdentifierRevealEvent[] = [];
  card.addEventListener('vnh-identifier-reveal', (e) => asked.push(e));
  await userEvent.click(view.getByRole('button', { name: /Hiện số CCCD|Show CCCD number/ }));
  await waitFor(() => expect(view.getByText('001085012345')).toBeVisible());
  await expect(asked.map((e) => e.kind)).toEqual(['cccd']);
  await expect(JSON.stringify(asked.map((e) => [e.kind, e.patientId]))).not.toContain('2345');
  await expect(view.getAllByRole('button', { pressed: true })).toHaveLength(1);
});

/** A page that refuses the reveal (`preventDefault()`): the number stays masked. */
export const RevealRefused: Story = {
  ...story(fixtures.masked, async ({ canvasElement }) => {
    const { card, view } = await shadow(canvasElement);
    card.addEventListener('vnh-identifier-reveal', (e) => e.preventDefault());
    const toggle = view.getByRole('button', { name: /Hiện số CCCD|Show CCCD number/ });
    await userEvent.click(toggle);
    await card.updateComplete;
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(card.shadowRoot!.textContent).not.toContain('001085012345');
  }),
  name: 'Reveal refused by the page',
};

export const Revealed = story(fixtures.revealed, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await waitFor(() => expect(view.getByText('001085012345')).toBeVisible());
  await expect(view.getAllByRole('button', { pressed: true })).toHaveLength(2);
});

export const LongNames = story(fixtures.longNames, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  const box = card.shadowRoot!.querySelector('[part~="card"]')!;
  await expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth + 1);
});

export const MissingData = story(fixtures.missingData, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByRole('heading', { level: 2 })).toHaveTextContent('Lò Thị Mai');
  await expect(
    view.getByText(/Chưa có thông tin dị ứng|Allergy information not available/),
  ).toBeVisible();
});

export const ExpiredBhyt = story(fixtures.expiredBhyt, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByText(/Đã hết hạn từ|Expired on/)).toBeVisible();
});

export const ExpiringBhyt = story(fixtures.expiringBhyt, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByText(/Sắp hết hạn|Expiring soon/)).toBeVisible();
});

export const ChildUnder2 = story(fixtures.childUnder2, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByText(/14 tháng tuổi|14 months old/)).toBeVisible();
});

export const Newborn = story(fixtures.newborn, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByText(/5 ngày tuổi|5 days old/)).toBeVisible();
  await expect(view.getByText('0912 345 678')).toBeVisible();
});

export const HighCriticalityAllergies = story(
  fixtures.highCriticalityAllergies,
  async ({ canvasElement }) => {
    const { card } = await shadow(canvasElement);
    const first = card.shadowRoot!.querySelector('.allergy');
    await expect(first).toHaveClass('allergy-high');
  },
);

export const Compact = story(fixtures.compact, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  await expect(card.shadowRoot!.querySelector('[part~="vitals"]')).toBeNull();
  await expect(card.shadowRoot!.querySelector('[part~="allergies"]')).not.toBeNull();
});

export const Partial = story(fixtures.partial, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByRole('note')).toBeVisible();
});

export const Truncated = story(fixtures.truncated, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByRole('note')).toHaveTextContent(/Bệnh đang điều trị|Active conditions/);
});

export const Loading = story(fixtures.loading, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  await expect(card.shadowRoot!.querySelector('[aria-busy="true"]')).not.toBeNull();
  await expect(card.shadowRoot!.querySelector('[role="status"]')).toHaveTextContent(
    /Đang tải|Loading/,
  );
});

export const Loaded = story(fixtures.loaded, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await waitFor(() => expect(view.getByRole('heading', { level: 2 })).toBeVisible());
});

export const ErrorState = story(fixtures.error, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await waitFor(() => expect(view.getByRole('button', { name: /Thử lại|Retry/ })).toBeVisible());
});

export const NotFound = story(fixtures.notFound, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  await waitFor(() =>
    expect(card.shadowRoot!.querySelector('[part~="not-found"]')).toHaveTextContent(
      /Không tìm thấy bệnh nhân|This patient was not found/,
    ),
  );
});

export const Dark = story(fixtures.dark, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  await expect(getComputedStyle(card).colorScheme).toBe('dark');
});

export const English = story(fixtures.en, async ({ canvasElement }) => {
  const { view } = await shadow(canvasElement);
  await expect(view.getByRole('heading', { name: 'Allergies (2)' })).toBeVisible();
  await expect(view.getByRole('button', { name: 'Show CCCD number' })).toBeVisible();
});

export const Hostile = story(fixtures.hostile, async ({ canvasElement }) => {
  const { card } = await shadow(canvasElement);
  await new Promise((r) => setTimeout(r, 100));
  await expect((window as unknown as Record<string, unknown>)[PWNED_FLAG]).toBeUndefined();
  await expect(card.shadowRoot!.querySelectorAll('script, img')).toHaveLength(0);
  const box = card.shadowRoot!.querySelector('[part~="card"]')!;
  await expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth + 1);
});
