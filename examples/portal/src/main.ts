// The demo hospital portal: plain DOM, no framework. Registers every vnhealth element, hands the
// sandbox's FHIR base URL to <vnh-provider>, and routes on the URL hash:
//   #/patient/<id>                the patient's card
//   #/patient/<id>/<section>      plus record | booking | appointments | vaccination
// Sections appear only for elements that are registered, so the page grows as elements land.
import '@vnhealth/components/define.js';
import { createHealthClient, formatName } from '@vnhealth/core';
import { isTextKey, strings, type PortalLocale } from './i18n.ts';

type Theme = 'light' | 'dark';
type SectionKey = 'overview' | 'record' | 'booking' | 'appointments' | 'vaccination';
type LabelKey =
  'sectionCard' | 'sectionRecord' | 'sectionBooking' | 'sectionAppointments' | 'sectionVaccination';

interface Section {
  key: SectionKey;
  /** The element that renders it; undefined for the overview (the card alone). */
  tag?: string;
  /** Further elements shown after it when registered (e.g. the schedule after the history). */
  extra?: string[];
  label: LabelKey;
}

const sections: Section[] = [
  { key: 'overview', label: 'sectionCard' },
  { key: 'record', tag: 'vnh-health-record-summary', label: 'sectionRecord' },
  { key: 'booking', tag: 'vnh-consult-booking', label: 'sectionBooking' },
  { key: 'appointments', tag: 'vnh-appointment-list', label: 'sectionAppointments' },
  {
    key: 'vaccination',
    tag: 'vnh-vaccination-history',
    extra: ['vnh-vaccination-schedule'],
    label: 'sectionVaccination',
  },
];

/** The sandbox's fixed demo patients (`demoPatients` in @vnhealth/sandbox). */
const demoPatients = [
  { id: 'vnh-pt-001', name: 'Nguyễn Văn An' },
  { id: 'vnh-pt-002', name: 'Trần Thị Bình' },
  { id: 'vnh-pt-003', name: 'Lê Minh Khoa' },
  { id: 'vnh-pt-004', name: undefined },
  { id: 'vnh-pt-005', name: undefined },
] as const;

const fhirBase = import.meta.env.VITE_SANDBOX_URL || 'http://localhost:8787/fhir/R4';

const state: { lang: PortalLocale; theme: Theme; names: Map<string, string> } = {
  lang: 'vi',
  theme: 'light',
  names: new Map(),
};

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`portal: #${id} is missing from index.html`);
  return el as T;
}

const provider = byId<HTMLElement>('provider');
const view = byId<HTMLDivElement>('view');
const list = byId<HTMLUListElement>('patient-list');
const langSelect = byId<HTMLSelectElement>('lang-select');
const themeSelect = byId<HTMLSelectElement>('theme-select');
const pageTitle = byId<HTMLHeadingElement>('page-title');
const audit = byId<HTMLParagraphElement>('audit');

function t(): (typeof strings)[PortalLocale] {
  return strings[state.lang];
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// ---- settings ---------------------------------------------------------------------------------

function applyLanguage(lang: PortalLocale): void {
  state.lang = lang;
  document.documentElement.lang = lang;
  provider.setAttribute('lang', lang);
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n ?? '';
    if (isTextKey(key)) node.textContent = t()[key];
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    const key = node.dataset.i18nAriaLabel ?? '';
    if (isTextKey(key)) node.setAttribute('aria-label', t()[key]);
  }
  document.title = `${t().tagline} — ${t().hospital}`;
  renderPatientList();
  render();
}

function applyTheme(theme: Theme): void {
  state.theme = theme;
  document.documentElement.dataset.theme = theme;
  provider.setAttribute('theme', theme);
}

langSelect.addEventListener('change', () => {
  applyLanguage(langSelect.value === 'en' ? 'en' : 'vi');
});
themeSelect.addEventListener('change', () => {
  applyTheme(themeSelect.value === 'dark' ? 'dark' : 'light');
});
byId<HTMLFormElement>('settings').addEventListener('submit', (event) => event.preventDefault());

// ---- patient list -----------------------------------------------------------------------------

function patientName(id: string): string {
  return (
    state.names.get(id) ?? demoPatients.find((p) => p.id === id)?.name ?? t().patientFallback(id)
  );
}

function renderPatientList(): void {
  const current = parseRoute().patientId;
  // Update the links in place once they exist: replacing them under a person's pointer (names
  // arrive while they move to click) would swallow the click.
  const links = list.querySelectorAll<HTMLAnchorElement>('a[data-patient]');
  if (links.length === demoPatients.length) {
    for (const link of links) {
      const id = link.dataset.patient ?? '';
      const [name, note] = link.children;
      if (name) name.textContent = patientName(id);
      if (note) note.textContent = t().patientNotes[id] ?? '';
      if (id === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    return;
  }
  list.replaceChildren(
    ...demoPatients.map(({ id }) => {
      const link = el(
        'a',
        {
          href: `#/patient/${id}`,
          'data-patient': id,
          ...(id === current ? { 'aria-current': 'page' } : {}),
        },
        el('span', { class: 'patient-name', lang: 'vi' }, patientName(id)),
        el('span', { class: 'patient-note' }, t().patientNotes[id] ?? ''),
      );
      return el('li', {}, link);
    }),
  );
}

/** Real names from the server (the seed decides them); the list shows fallbacks until then. */
async function loadNames(): Promise<void> {
  const health = createHealthClient({ baseUrl: fhirBase });
  await Promise.all(
    demoPatients.map(async ({ id }) => {
      try {
        const name = formatName((await health.records.getPatient(id)).name);
        if (name) state.names.set(id, name);
      } catch {
        // The card shows the error and a retry; the list keeps its fallback label.
      }
    }),
  );
  renderPatientList();
}

// ---- routes -----------------------------------------------------------------------------------

interface Route {
  patientId: string | undefined;
  section: SectionKey | undefined;
  known: boolean;
}

function parseRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash === '') return { patientId: demoPatients[0].id, section: 'overview', known: true };
  const match = /^patient\/([A-Za-z0-9\-.]{1,64})(?:\/([a-z]+))?$/.exec(hash);
  if (!match) return { patientId: undefined, section: undefined, known: false };
  const section = sections.find((s) => s.key === (match[2] ?? 'overview'));
  return { patientId: match[1], section: section?.key, known: section !== undefined };
}

function available(section: Section): boolean {
  return section.tag === undefined || customElements.get(section.tag) !== undefined;
}

function render(): void {
  const route = parseRoute();
  const section = sections.find((s) => s.key === route.section);
  if (!route.known || !route.patientId || !section || !available(section)) {
    pageTitle.textContent = t().notFound;
    view.replaceChildren(el('p', {}, el('a', { href: '#/' }, t().backHome)));
    return;
  }
  const patientId = route.patientId;
  pageTitle.textContent = t()[section.label];

  // Keep the card (and its loaded data) when only the section or the language changes. The
  // overview shows the full card; the other sections a compact one above their element.
  let card = view.querySelector('vnh-patient-profile-card');
  if (!card || card.getAttribute('patient-id') !== patientId) {
    card = document.createElement('vnh-patient-profile-card');
    card.setAttribute('patient-id', patientId);
  }
  card.setAttribute('variant', section.tag ? 'compact' : 'full');

  const shown = sections.filter(available);
  const tabs = el(
    'nav',
    { class: 'sections', 'aria-label': t().sections },
    el(
      'ul',
      {},
      ...shown.map((s) =>
        el(
          'li',
          {},
          el(
            'a',
            {
              href:
                s.key === 'overview' ? `#/patient/${patientId}` : `#/patient/${patientId}/${s.key}`,
              ...(s.key === section.key ? { 'aria-current': 'page' } : {}),
            },
            t()[s.label],
          ),
        ),
      ),
    ),
  );

  // One section alone needs no navigation between sections.
  const children: Node[] = shown.length > 1 ? [tabs, card] : [card];
  if (section.tag) {
    const tags = [section.tag, ...(section.extra ?? []).filter((tag) => customElements.get(tag))];
    const content = el('section', { class: 'section-content', 'aria-labelledby': 'page-title' });
    for (const tag of tags) {
      let element = view.querySelector<HTMLElement>(`.section-content > ${tag}`);
      if (!element || element.getAttribute('patient-id') !== patientId) {
        element = document.createElement(tag);
        element.setAttribute('patient-id', patientId);
      }
      content.append(element);
    }
    children.push(content);
  }
  const notice = view.querySelector('.notice');
  if (notice && section.key === 'booking') children.push(notice);
  view.replaceChildren(...children);
}

window.addEventListener('hashchange', () => {
  renderPatientList();
  render();
  byId<HTMLElement>('main').focus({ preventScroll: false });
});

// After a booking, point to the appointment list (the element itself shows the confirmation).
view.addEventListener('vnh-booked', () => {
  const route = parseRoute();
  if (!route.patientId || !customElements.get('vnh-appointment-list')) return;
  const notice = el(
    'p',
    { class: 'notice', role: 'status' },
    el('a', { href: `#/patient/${route.patientId}/appointments` }, t().bookedNotice),
  );
  view.querySelector('.notice')?.remove();
  view.append(notice);
});

// A hospital must be able to say who looked at which identifier: the card announces each reveal
// (never the number itself) before it happens, and the host records it. Here: shown on the page.
view.addEventListener('vnh-identifier-reveal', (event) => {
  const { kind, patientId } = event as Event & { kind?: string; patientId?: string };
  const time = new Intl.DateTimeFormat(state.lang, {
    timeStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date());
  const line = t().auditReveal((kind ?? '').toUpperCase(), patientId ?? '—', time);
  audit.textContent = line;
});

// ---- start ------------------------------------------------------------------------------------

provider.setAttribute('base-url', fhirBase);
byId<HTMLElement>('fhir-base').textContent = fhirBase;
langSelect.value = state.lang;
themeSelect.value = state.theme;
applyTheme(state.theme);
applyLanguage(state.lang);
void loadNames();
