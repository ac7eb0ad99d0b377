// Server rendering (`@vnhealth/components/ssr`): every element renders with @lit-labs/ssr to
// declarative shadow DOM, with the data the template passes (fetched here from the seeded sandbox
// with @vnhealth/core, as a server would), or with its loading skeleton when it has an id to load
// (never the "no data" text); in the language of its own `lang` or its provider's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from 'lit';
import { createHealthClient, type AppointmentList, type PatientSummary } from '@vnhealth/core';
import type { ConsultOffering, Immunization, Patient } from '@vnhealth/core';
import { startSandbox, type Sandbox } from '@vnhealth/sandbox';
import '@vnhealth/components/define.js';
import { propertiesScript, renderToString } from '@vnhealth/components/ssr';

let sandbox: Sandbox;
let summary: PatientSummary;
let child: Patient;
let immunizations: Immunization[];
let appointments: AppointmentList;
let doctors: ConsultOffering[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 42, patients: 0, quiet: true });
  const health = createHealthClient({ baseUrl: sandbox.baseUrl });
  [summary, child, { immunizations }, appointments, doctors] = await Promise.all([
    health.records.getSummary('vnh-pt-001'),
    health.records.getPatient('vnh-pt-003'),
    health.vaccination.getHistory('vnh-pt-003'),
    health.telemedicine.listAppointments('vnh-pt-001'),
    health.telemedicine.findServices({ specialty: 'pediatrics', mode: 'video' }),
  ]);
});

afterAll(async () => {
  await sandbox?.close();
});

/** The declarative shadow root an element opened with `<tag` renders (its first `<template>`). */
function shadowOf(out: string, tag: string): string {
  const at = out.indexOf(`<${tag}`);
  expect(at, `<${tag}> is in the output`).toBeGreaterThanOrEqual(0);
  const open = out.indexOf('<template shadowroot="open" shadowrootmode="open">', at);
  expect(open, `<${tag}> has a declarative shadow root`).toBeGreaterThan(at);
  const close = out.indexOf(`</${tag}>`, open);
  return out.slice(open, close);
}

/** What a reader sees of some HTML: its text, without tags, comments and styles. */
function textOf(markup: string): string {
  return markup
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

const NO_DATA = 'Chưa có dữ liệu.';

describe('an element given its data renders it on the server', () => {
  it('the card, from .summary: the name, the allergy, the masked BHYT', async () => {
    const out = await renderToString(
      html`<vnh-patient-profile-card .summary=${summary}></vnh-patient-profile-card>`,
    );
    const text = textOf(shadowOf(out, 'vnh-patient-profile-card'));
    expect(text).toContain('Nguyễn Văn An');
    expect(summary.allergies.length).toBeGreaterThan(0);
    expect(text).toContain('Dị ứng');
    expect(text).not.toContain(NO_DATA);
    expect(out).not.toContain('aria-busy="true"');
    // Never the full identifiers in server HTML: masked as in the browser.
    expect(out).not.toContain(summary.insurance!.number!);
  });

  it('the card, from .patient', async () => {
    const out = await renderToString(
      html`<vnh-patient-profile-card .patient=${summary.patient}></vnh-patient-profile-card>`,
    );
    expect(textOf(shadowOf(out, 'vnh-patient-profile-card'))).toContain('Nguyễn Văn An');
  });

  it('the health record, from .summary: its timeline entries', async () => {
    const out = await renderToString(
      html`<vnh-health-record-summary .summary=${summary}></vnh-health-record-summary>`,
    );
    const dsd = shadowOf(out, 'vnh-health-record-summary');
    const bp = summary.vitals.bloodPressure!.latest;
    expect(textOf(dsd)).toContain(`Huyết áp ${bp.value}/${bp.diastolic} mmHg`);
    expect(dsd).toContain('part="entry');
    expect(dsd).not.toContain('aria-busy="true"');
  });

  it('the vaccination history and schedule, from .patient and .immunizations: the vaccines', async () => {
    const vaccine = immunizations.find((i) => i.vaccineCode?.text)!.vaccineCode!.text!;
    const out = await renderToString(
      html`<vnh-vaccination-history
          as-of="2026-12-01"
          .patient=${child}
          .immunizations=${immunizations}
        ></vnh-vaccination-history>
        <vnh-vaccination-schedule
          as-of="2026-12-01"
          .patient=${child}
          .immunizations=${immunizations}
        ></vnh-vaccination-schedule>`,
    );
    const history = textOf(shadowOf(out, 'vnh-vaccination-history'));
    expect(history).toContain('Lê Minh Khoa');
    expect(history).toContain(vaccine);
    expect(history).not.toContain('Đang tải…');
    const schedule = shadowOf(out, 'vnh-vaccination-schedule');
    expect(textOf(schedule)).toContain('Lê Minh Khoa');
    expect(schedule).toContain('part="visit"');
  });

  it('the appointment list, from .appointments: the doctors of the appointments', async () => {
    const all = [...appointments.upcoming, ...appointments.past];
    expect(all.length).toBeGreaterThan(0);
    const out = await renderToString(
      html`<vnh-appointment-list .appointments=${appointments}></vnh-appointment-list>`,
    );
    const text = textOf(shadowOf(out, 'vnh-appointment-list'));
    expect(text).toContain(all[0]!.practitionerName);
    expect(text).not.toContain('Đang tải…');
  });

  it('the booking, from .offerings on the doctor step: the doctors', async () => {
    expect(doctors.length).toBeGreaterThan(0);
    const out = await renderToString(
      html`<vnh-consult-booking
        patient-id="vnh-pt-001"
        specialty="pediatrics"
        mode="video"
        .offerings=${doctors}
      ></vnh-consult-booking>`,
    );
    const dsd = shadowOf(out, 'vnh-consult-booking');
    expect(textOf(dsd)).toContain(doctors[0]!.practitionerName);
    expect(dsd).not.toContain('aria-busy="true"');
    // The form-associated element's role reaches the server HTML.
    expect(out).toMatch(/<vnh-consult-booking[^>]*role="group"/);
  });

  it('the provider renders its slot, its children render inside it', async () => {
    const out = await renderToString(
      html`<vnh-provider base-url=${sandbox.baseUrl}
        ><vnh-patient-profile-card .summary=${summary}></vnh-patient-profile-card
      ></vnh-provider>`,
    );
    expect(shadowOf(out, 'vnh-provider')).toContain('<slot>');
    expect(textOf(shadowOf(out, 'vnh-patient-profile-card'))).toContain('Nguyễn Văn An');
  });
});

describe('an element that will load renders its skeleton, not "no data"', () => {
  const willLoad = {
    'vnh-patient-profile-card': html`<vnh-patient-profile-card
      patient-id="vnh-pt-001"
    ></vnh-patient-profile-card>`,
    'vnh-health-record-summary': html`<vnh-health-record-summary
      patient-id="vnh-pt-001"
    ></vnh-health-record-summary>`,
    'vnh-vaccination-history': html`<vnh-vaccination-history
      patient-id="vnh-pt-003"
    ></vnh-vaccination-history>`,
    'vnh-vaccination-schedule': html`<vnh-vaccination-schedule
      patient-id="vnh-pt-003"
    ></vnh-vaccination-schedule>`,
    'vnh-appointment-list': html`<vnh-appointment-list
      patient-id="vnh-pt-001"
    ></vnh-appointment-list>`,
    'vnh-consult-booking': html`<vnh-consult-booking
      patient-id="vnh-pt-001"
      specialty="pediatrics"
    ></vnh-consult-booking>`,
  };
  const empties = [
    NO_DATA,
    'Nothing here yet.',
    'Chưa có lịch hẹn',
    'Chưa có bác sĩ',
    'Không tải được',
    'Could not load',
  ];

  it.each(Object.entries(willLoad))('%s (vi)', async (tag, template) => {
    const out = await renderToString(html`<vnh-provider>${template}</vnh-provider>`);
    const dsd = shadowOf(out, tag);
    expect(dsd).toContain('aria-busy="true"');
    expect(dsd).toContain('part="loading"');
    expect(textOf(dsd)).toMatch(/Đang tải/);
    for (const empty of empties) expect(textOf(dsd)).not.toContain(empty);
  });

  it.each(Object.entries(willLoad))('%s (en, from the provider)', async (tag, template) => {
    const out = await renderToString(html`<vnh-provider lang="en">${template}</vnh-provider>`);
    const dsd = shadowOf(out, tag);
    expect(dsd).toContain('aria-busy="true"');
    expect(textOf(dsd)).toMatch(/Loading/);
    expect(textOf(dsd)).not.toMatch(/Đang tải/);
    for (const empty of empties) expect(textOf(dsd)).not.toContain(empty);
  });

  it('without an id, nothing will load: the empty state, not a skeleton', async () => {
    const out = await renderToString(html`<vnh-patient-profile-card></vnh-patient-profile-card>`);
    const dsd = shadowOf(out, 'vnh-patient-profile-card');
    expect(textOf(dsd)).toContain(NO_DATA);
    expect(dsd).not.toContain('aria-busy="true"');
  });
});

describe('the language of a server render', () => {
  it('is Vietnamese by default, English from the provider, the element’s own lang first', async () => {
    const card = (lang?: string) =>
      html`<vnh-patient-profile-card
        lang=${lang ?? 'vi'}
        .summary=${summary}
      ></vnh-patient-profile-card>`;
    const vi = textOf(
      shadowOf(
        await renderToString(
          html`<vnh-provider
            ><vnh-vaccination-history
              as-of="2026-12-01"
              .patient=${child}
              .immunizations=${immunizations}
            ></vnh-vaccination-history
          ></vnh-provider>`,
        ),
        'vnh-vaccination-history',
      ),
    );
    const en = textOf(
      shadowOf(
        await renderToString(
          html`<vnh-provider lang="en"
            ><vnh-vaccination-history
              as-of="2026-12-01"
              .patient=${child}
              .immunizations=${immunizations}
            ></vnh-vaccination-history
          ></vnh-provider>`,
        ),
        'vnh-vaccination-history',
      ),
    );
    expect(vi).toContain('Lịch sử tiêm chủng');
    expect(en).toContain('Vaccination history');
    expect(en).not.toContain('Lịch sử tiêm chủng');
    // The element's own lang wins over its provider's.
    const own = textOf(
      shadowOf(
        await renderToString(html`<vnh-provider lang="vi">${card('en')}</vnh-provider>`),
        'vnh-patient-profile-card',
      ),
    );
    expect(own).toContain('Allergies');
    expect(own).not.toContain('Dị ứng');
  });
});

describe('propertiesScript', () => {
  it('writes JSON a script element cannot be broken out of, that parses back to the data', () => {
    const tricky = { card: { note: '</script><script>alert(1)</script> & \u2028' } };
    const script = propertiesScript(tricky);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(script.endsWith('</script>')).toBe(true);
    const json = script.slice(script.indexOf('>') + 1, -'</script>'.length);
    expect(JSON.parse(json)).toEqual(tricky);
  });
});
