// The same tasks with peer libraries, measured by the same harness against the same sandbox.
// Installed at bench time, pinned, into their own fresh folder (never root devDependencies).
import { textShown } from './done.ts';
import type { PageTask } from './measure.ts';

/** Exact versions, so a rerun measures the same code. */
export const peerDependencies = {
  '@medplum/core': '5.2.13',
  '@medplum/react': '5.2.13',
  '@medplum/react-hooks': '5.2.13',
  '@mantine/core': '8.3.18',
  '@mantine/hooks': '8.3.18',
  '@mantine/notifications': '8.3.18',
  '@mantine/spotlight': '8.3.18',
  // @medplum/react imports react-router without declaring it; 8.3.0 is what it is built against.
  'react-router': '8.3.0',
  jsqr: '1.4.0',
  signature_pad: '5.1.4',
  react: '19.3.1',
  'react-dom': '19.3.1',
  fhirclient: '2.6.3',
} as const;

const adult = { id: 'vnh-pt-001', name: 'Nguyễn Văn An' };

const nameShown = textShown(adult.name);

const react = {
  label: 'React',
  packages: ['react', 'react-dom', 'scheduler'],
  imports: `export * as a from 'react';
export * as b from 'react-dom/client';
export * as c from 'react/jsx-runtime';
`,
};

export const peerTasks: PageTask[] = [
  {
    id: 'medplum-core-read',
    label: `@medplum/core ${peerDependencies['@medplum/core']}: read one patient`,
    what: '`new MedplumClient` + `readResource`',
    entry: `import { MedplumClient } from '@medplum/core';
const out = document.querySelector('output');
// extendedMode off: the X-Medplum header is for Medplum's own server (and needs its CORS rules).
const medplum = new MedplumClient({ baseUrl: out.dataset.origin, fhirUrlPath: 'fhir/R4', extendedMode: false });
const patient = await medplum.readResource('Patient', '${adult.id}');
out.textContent = patient.name[0].text;
`,
    body: '<output data-origin="%ORIGIN%/"></output>',
    done: nameShown,
  },
  {
    id: 'fhirclient-read',
    label: `fhirclient ${peerDependencies.fhirclient}: read one patient`,
    what: '`FHIR.client(baseUrl)` + `request`',
    entry: `import FHIR from 'fhirclient';
const out = document.querySelector('output');
const client = FHIR.client(out.dataset.fhir);
const patient = await client.request('Patient/${adult.id}');
out.textContent = patient.name[0].text;
`,
    body: '<output data-fhir="%FHIR%"></output>',
    done: nameShown,
  },
  {
    id: 'medplum-react-card',
    label: `@medplum/react ${peerDependencies['@medplum/react']}: one card with data`,
    what: '`PatientHeader` in `MedplumProvider` + `MantineProvider`, with their CSS; the header shows the name',
    loader: 'tsx',
    entry: `import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { MedplumClient } from '@medplum/core';
import { MedplumProvider, PatientHeader } from '@medplum/react';
import '@mantine/core/styles.css';
import '@medplum/react/styles.css';
const root = document.getElementById('root')!;
const medplum = new MedplumClient({
  baseUrl: root.dataset.origin,
  fhirUrlPath: 'fhir/R4',
  extendedMode: false,
});
createRoot(root).render(
  <MantineProvider>
    <MedplumProvider medplum={medplum}>
      <PatientHeader patient={{ reference: 'Patient/${adult.id}' }} />
    </MedplumProvider>
  </MantineProvider>,
);
`,
    body: '<div id="root" data-origin="%ORIGIN%/"></div>',
    // Medplum formats HumanName given names first and ignores `text`.
    done: textShown('Văn An Nguyễn'),
    apart: react,
    breakdown: true,
  },
];
