// The tasks a user's page does with vnhealth, each as a tiny consumer page of the packed
// packages, and when each is done (decided inside the page, see done.ts). Budgets (1 KB = 1000
// bytes) are on the gzip bytes loaded until the task is done, lazy chunks included; what loads
// after done is reported as background and not budgeted.
import { partShown, textShown } from './done.ts';
import type { PageTask } from './measure.ts';

export const KB = 1000;

/** The budgets `npm run size -- --check` (the "bundle budgets" step of `npm test`) enforces. */
export const budgets = {
  'core-read': 25 * KB,
  // Issue 15: a strict client at the full level waits for the structure tables it needs and the
  // full level's checks (invariants, rules, their code tables: ADR 0035).
  // Measured 121.5 (100.9 lazy: the full level's chunk, of which the HL7 code systems' codes
  // are about half), then 124.1 with the three new types' tables and the faster (longer)
  // compiled invariants and narrative reader, then 124.7 with the one walk (its steps and frames)
  // and the invariants' read lists (ADR 0036); 0.3 KB of margin.
  'core-read-full': 125.0 * KB,
  // Issue 10 set 40 KB when the transport called fetch directly; issue 11 put it back on ky
  // (+5.1 KB on every page). Measured 42.0 since (with the notice of cut sections); the budget
  // guards that, with 0.5 KB for differences between machines (ADR 0010). Issue 16 (44.5
  // measured): the relationship names of contact.relationship, national phone format, ages in
  // days and weeks, the initials rule (card +3.0 KB minified, shared +2.2).
  card: 45.0 * KB,
  // Measured 72.2 since issue 14 made the schedule engine a lazy chunk (ADR 0032): the page is
  // done when the card shows, before the vaccination elements' data and engine arrive. 73.1 with
  // the history's chunked rendering and counts through Intl (issue 14's speed); 0.5 of margin.
  // Issue 16 (79.5 measured): the card's and shared wording above, the booking's flow controller,
  // calendar module, slot groups, host scoping and phone prefill (booking +7.4 KB minified: to
  // trim), the container-query layouts.
  'all-elements': 80.0 * KB,
  // A child's doses shown: the element, the engine chunk and Vietnam's schedules (measured
  // 62.1, of which 22.7 lazy: the engine; ADR 0032). 63.1 with the chunked rendering of long
  // histories, the engine's sliced evaluation and counts through Intl (issue 14's speed); 0.5 KB
  // of margin. Issue 16 (64.1): shared wording and the stacked-row layout.
  'vaccination-history': 64.6 * KB,
  // No bundler (ADR 0027), one card each. The bundle holds every element (measured 72.4: like
  // "all elements", without a bundler's tree shaking of what the page does not use); the
  // autoloader loads the provider's and the card's chunks (measured 44.8; 2.7 more than the card
  // bundled by esbuild: lit and the shared code in files of their own). 0.6–0.7 KB of margin.
  // Issue 14 put the CDSi engine and Vietnam's schedules in the bundle (up to 87.7 KB measured
  // with the adult schedule), then made them a lazy chunk the vaccination elements import with
  // their first patient (ADR 0032): measured 68.3 with the long-history work and ATC codes, 69.0
  // with the chunked rendering and Intl counts (issue 14's speed). Issue 16: 75.5 and 47.0
  // measured (the wording, layouts and booking flow above).
  'cdn-bundle': 76.0 * KB,
  'cdn-autoloader': 47.5 * KB,
} as const;

/** Budgets on single files of the CDN tasks, gzip: what the page's one script tag loads first. */
export const fileBudgets = {
  // Measured 70.2 KB and 0.74 KB at first; 66.1 KB since the schedule engine is a lazy chunk
  // (ADR 0032; it was up to 85.5 KB with the engine inside); 66.8 with the chunked rendering;
  // 73.3 with issue 16's wording, layouts and booking flow.
  bundle: 73.8 * KB,
  autoloader: 1 * KB,
} as const;

/** The CDN folder of the installed package, as jsDelivr or unpkg serve it. */
const cdn = 'node_modules/@vnhealth/components/dist/cdn';

/** The seeded demo patients the pages show (see @vnhealth/sandbox `demoPatients`). */
const adult = { id: 'vnh-pt-001', name: 'Nguyễn Văn An' };
const child = 'vnh-pt-003';

const provider = (inner: string): string =>
  `<vnh-provider base-url="%FHIR%" lang="vi">${inner}</vnh-provider>`;
const card = `<vnh-patient-profile-card patient-id="${adult.id}"></vnh-patient-profile-card>`;

/** The name of the adult demo patient, visible (in the document or a shadow root). */
const nameShown = textShown(adult.name);

/** `createHealthClient` (with `options`, source text after the base URL) + one Patient read. */
function readTask(
  id: 'core-read' | 'core-read-full',
  label: string,
  validation: string,
  options: string,
): PageTask {
  return {
    id,
    label,
    what: `\`createHealthClient\` + \`fhir.read('Patient', id)\`, ${validation}`,
    entry: `import { createHealthClient } from '@vnhealth/core';
const out = document.querySelector('output');
const health = createHealthClient({ baseUrl: out.dataset.fhir${options} });
const patient = await health.fhir.read('Patient', '${adult.id}');
out.textContent = patient.name[0].text;
`,
    body: '<output data-fhir="%FHIR%"></output>',
    done: nameShown,
    budget: budgets[id],
    breakdown: true,
  };
}

export const ourTasks: PageTask[] = [
  readTask('core-read', 'read one patient', "default validation ('warn')", ''),
  readTask(
    'core-read-full',
    'read one patient, full validation',
    "`validation: 'strict', validationLevel: 'full'`: the response waits for the full level's checks (a lazy chunk)",
    ", validation: 'strict', validationLevel: 'full'",
  ),
  {
    id: 'card',
    label: 'one card with data',
    what: 'provider + patient-profile-card define entries; the card shows the name',
    entry: `import '@vnhealth/components/provider/define.js';
import '@vnhealth/components/patient-profile-card/define.js';
`,
    body: provider(card),
    done: nameShown,
    budget: budgets.card,
    breakdown: true,
  },
  {
    id: 'booking',
    label: 'booking',
    what: 'provider + consult-booking (specialty preset), the doctors of its first step shown',
    entry: `import '@vnhealth/components/provider/define.js';
import '@vnhealth/components/consult-booking/define.js';
`,
    body: provider(
      `<vnh-consult-booking patient-id="${adult.id}" specialty="cardiology"></vnh-consult-booking>`,
    ),
    done: partShown('vnh-consult-booking', '[part~="doctor"]'),
    breakdown: true,
  },
  {
    id: 'vaccination-history',
    label: 'vaccination history',
    what: "provider + vaccination-history, a child's doses shown",
    entry: `import '@vnhealth/components/provider/define.js';
import '@vnhealth/components/vaccination-history/define.js';
`,
    body: provider(`<vnh-vaccination-history patient-id="${child}"></vnh-vaccination-history>`),
    done: partShown('vnh-vaccination-history', '[part~="dose-button"]'),
    breakdown: true,
    budget: budgets['vaccination-history'],
  },
  {
    id: 'all-elements',
    label: 'all elements',
    what: '`@vnhealth/components/define.js` (every element registered), the card shows the name',
    entry: `import '@vnhealth/components/define.js';
`,
    body: provider(card),
    done: nameShown,
    budget: budgets['all-elements'],
    breakdown: true,
  },
];

/** The no-build pages: the packed `dist/cdn/` files as they are, one script tag, no bundler. */
export const cdnTasks: PageTask[] = [
  {
    id: 'cdn-bundle',
    label: 'CDN bundle, one card',
    what: 'no bundler: `<script type="module" src="…/dist/cdn/vnhealth.js">` (lit, core and every element in one file); the card shows the name',
    served: { dir: cdn, script: 'vnhealth.js' },
    body: provider(card),
    done: nameShown,
    budget: budgets['cdn-bundle'],
    fileBudgets: { '/cdn/vnhealth.js': fileBudgets.bundle },
    breakdown: true,
  },
  {
    id: 'cdn-autoloader',
    label: 'CDN autoloader, one card',
    what: 'no bundler: `<script type="module" src="…/dist/cdn/autoloader.js">`, which loads the provider and card chunks it finds in the page; the card shows the name',
    served: { dir: cdn, script: 'autoloader.js' },
    body: provider(card),
    done: nameShown,
    budget: budgets['cdn-autoloader'],
    fileBudgets: { '/cdn/autoloader.js': fileBudgets.autoloader },
    breakdown: true,
  },
];

ourTasks.push(...cdnTasks);
