// What the server renders: the patient's card and record, a child's vaccinations, with the data
// the server fetched passed as properties (rendered into declarative shadow DOM) and written into
// the properties script (set on the elements in the browser before they hydrate).
import { html } from 'lit';
import type { HealthClient } from '@vnhealth/core';
import { propertiesScript, renderToString } from '@vnhealth/components/ssr';

export interface PageOptions {
  health: HealthClient;
  sandboxUrl: string;
  patientId: string;
  childId: string;
  lang: 'vi' | 'en';
}

const titles = { vi: 'Hồ sơ bệnh nhân', en: 'Patient record' };

/** The whole HTML document of the patient page. */
export async function renderPage(options: PageOptions): Promise<string> {
  const { health, sandboxUrl, patientId, childId, lang } = options;
  const [summary, child, history] = await Promise.all([
    health.records.getSummary(patientId),
    health.records.getPatient(childId),
    health.vaccination.getHistory(childId),
  ]);
  const { immunizations } = history;
  const body = await renderToString(html`
    <vnh-provider base-url=${sandboxUrl} lang=${lang}>
      <main>
        <vnh-patient-profile-card id="card" .summary=${summary}></vnh-patient-profile-card>
        <vnh-health-record-summary id="record" .summary=${summary}></vnh-health-record-summary>
        <vnh-vaccination-history id="history" .patient=${child} .immunizations=${immunizations}>
        </vnh-vaccination-history>
        <vnh-vaccination-schedule id="schedule" .patient=${child} .immunizations=${immunizations}>
        </vnh-vaccination-schedule>
      </main>
    </vnh-provider>
  `);
  const properties = propertiesScript({
    card: { summary },
    record: { summary },
    history: { patient: child, immunizations },
    schedule: { patient: child, immunizations },
  });
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${titles[lang]}</title>
    <link rel="icon" href="data:," />
    <style>
      body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }
      main { display: grid; gap: 1rem; }
    </style>
    <script type="module" src="/dist/client.js"></script>
  </head>
  <body>
    ${body}
    ${properties}
  </body>
</html>`;
}
