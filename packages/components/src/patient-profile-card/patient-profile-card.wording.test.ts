import { describe, expect, it } from 'vitest';
import type { Patient } from '@vnhealth/core';
import { mountFixture, waitFor } from '../shared/testing.ts';
import { fixtures, newborn } from './patient-profile-card.fixtures.ts';
import './define.ts';

const TAG = 'vnh-patient-profile-card';
/** 28 November 2026, 10:00 in Hà Nội: the card's clock in these tests. */
const NOW = new Date('2026-11-28T03:00:00Z');

document.documentElement.lang = 'vi';

function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

const bornOn = (birthDate: string): Patient => ({
  resourceType: 'Patient',
  name: [{ family: 'Lê', given: ['Minh', 'Khoa'] }],
  gender: 'male',
  birthDate,
});

async function ageShown(birthDate: string, lang: 'vi' | 'en'): Promise<string> {
  const el = await mountFixture(TAG, {
    properties: { patient: bornOn(birthDate), now: NOW },
    lang,
  });
  await waitFor(() => part(el, 'demographics'));
  return part(el, 'demographics')!.querySelector('dd')!.textContent!.trim();
}

describe('<vnh-patient-profile-card> ages, as a health worker says them', () => {
  const cases = [
    { birthDate: '2026-11-28', vi: 'Mới sinh hôm nay', en: 'Born today' },
    { birthDate: '2026-11-23', vi: '5 ngày tuổi', en: '5 days old' },
    { birthDate: '2026-11-27', vi: '1 ngày tuổi', en: '1 day old' },
    { birthDate: '2026-10-31', vi: '4 tuần tuổi', en: '4 weeks old' },
    { birthDate: '2026-10-17', vi: '6 tuần tuổi', en: '6 weeks old' },
    { birthDate: '2026-08-29', vi: '13 tuần tuổi', en: '13 weeks old' },
    { birthDate: '2026-08-28', vi: '3 tháng tuổi', en: '3 months old' },
    { birthDate: '2025-09-20', vi: '14 tháng tuổi', en: '14 months old' },
    { birthDate: '2024-11-28', vi: '2 tuổi', en: '2 years old' },
    { birthDate: '2023-11-28', vi: '3 tuổi', en: '3 years old' },
  ];
  for (const { birthDate, vi, en } of cases) {
    it(`born ${birthDate}: "${vi}", "${en}"`, async () => {
      expect(await ageShown(birthDate, 'vi')).toBe(vi);
      expect(await ageShown(birthDate, 'en')).toBe(en);
    });
  }

  it('a newborn fixture (5 days before today) reads in days, not "0 tháng tuổi"', async () => {
    const el = await mountFixture(TAG, fixtures.newborn);
    expect(part(el, 'demographics')!.textContent).toContain('5 ngày tuổi');
    expect(part(el, 'demographics')!.textContent).not.toContain('tháng');
  });
});

describe('<vnh-patient-profile-card> contact', () => {
  it('shows phones in national format with E.164 tel: links', async () => {
    const el = await mountFixture(TAG, fixtures.newborn);
    const contact = part(el, 'contact')!;
    const links = [...contact.querySelectorAll('a[href^="tel:"]')].map((a) => ({
      href: a.getAttribute('href'),
      text: a.textContent!.trim(),
    }));
    expect(links).toEqual([
      { href: 'tel:+842943855123', text: '0294 3855 123' },
      { href: 'tel:+84912345678', text: '0912 345 678' },
    ]);
    expect(contact.textContent).not.toContain('+84');
  });

  it('names the emergency contact by the relationship coded in the data, not "Liên hệ khẩn cấp"', async () => {
    const el = await mountFixture(TAG, fixtures.newborn);
    const contact = part(el, 'contact')!;
    expect(contact.textContent).toContain('Nguyễn Thị Thu');
    expect(contact.textContent).toContain('(Mẹ)');
    expect(contact.textContent).not.toContain('(Liên hệ khẩn cấp)');
    el.lang = 'en';
    await waitFor(() => part(el, 'contact')?.textContent?.includes('(Mother)'));
    expect(part(el, 'contact')!.textContent).toContain('Emergency contact');
  });

  it('uses the relationship text when recorded, and the sandbox shape (C, then WIFE with text)', async () => {
    const patient: Patient = {
      ...newborn,
      birthDate: '1985-03-02',
      contact: [
        { name: { text: 'Lê Văn Cũ' }, period: { end: '2020-01-01' } },
        {
          relationship: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C' }],
              text: 'Liên hệ khẩn cấp',
            },
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'WIFE' },
              ],
              text: 'Vợ',
            },
          ],
          name: { text: 'Trần Thị Lan' },
        },
      ],
    };
    const el = await mountFixture(TAG, { properties: { patient, now: NOW }, lang: 'en' });
    await waitFor(() => part(el, 'contact'));
    // The record's own words win, in either language.
    expect(part(el, 'contact')!.textContent).toContain('Trần Thị Lan');
    expect(part(el, 'contact')!.textContent).toContain('(Vợ)');
    expect(part(el, 'contact')!.textContent).not.toContain('Lê Văn Cũ');
  });

  it('says nothing more when the data only says "emergency contact"', async () => {
    const patient: Patient = {
      ...newborn,
      contact: [
        {
          relationship: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'EP' }] },
          ],
          name: { text: 'Trần Thị Lan' },
        },
      ],
    };
    const el = await mountFixture(TAG, { properties: { patient, now: NOW } });
    await waitFor(() => part(el, 'contact'));
    expect(part(el, 'contact')!.textContent).toContain('Trần Thị Lan');
    expect(part(el, 'contact')!.textContent).not.toContain('(');
  });

  it('shows the initials of the last given name and the family name', async () => {
    const el = await mountFixture(TAG, fixtures.newborn);
    expect(part(el, 'avatar')!.textContent!.trim()).toBe('HT');
    const an = await mountFixture(TAG, fixtures.default);
    expect(part(an, 'avatar')!.textContent!.trim()).toBe('AN');
  });
});
