import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '@medplum/core';
import type {
  AllergyIntolerance,
  Condition,
  Coverage,
  Immunization,
  Observation,
  Organization,
  Patient,
  Resource,
  Slot,
} from '@medplum/fhirtypes';
import {
  addDays,
  daysBetween,
  ictDate,
  isValidBhyt,
  isValidCccd,
  vnCoreCommunity,
  vnCoreMoh,
} from '@vnhealth/core';
import { indexFhirDefinitions } from '../server/definitions.ts';
import { FAMILY_NAMES, OLD_PROVINCES } from './data.ts';
import { FACILITIES } from './facilities.ts';
import { demoPatients, generateSeed } from './index.ts';
import provinces from './provinces-2025.ts';
import { SLOT_DAYS } from './practitioners.ts';
import { seedAnchor } from './time.ts';

const NOW = new Date('2026-11-28T03:00:00Z'); // 10:00 in Hà Nội
const TODAY = '2026-11-28';

function all(options: Parameters<typeof generateSeed>[0]): Resource[] {
  const out: Resource[] = [];
  for (const chunk of generateSeed(options)) out.push(...chunk);
  return out;
}

const sha = (resources: Resource[]): string =>
  createHash('sha256').update(JSON.stringify(resources)).digest('hex');
const ofType = <T extends Resource>(resources: Resource[], type: T['resourceType']): T[] =>
  resources.filter((r): r is T => r.resourceType === type);

let big: Resource[];
let patients: Patient[];

beforeAll(() => {
  big = all({ seed: 42, patients: 2000, now: NOW });
  patients = ofType<Patient>(big, 'Patient');
});

describe('seed: determinism', () => {
  it('the same seed gives byte-identical data, whatever the chunk size', () => {
    const a = all({ seed: 7, patients: 120, now: NOW });
    const b = all({ seed: 7, patients: 120, now: NOW, chunkSize: 17 });
    expect(sha(a)).toBe(sha(b));
  });

  it('a different seed gives different data', () => {
    expect(sha(all({ seed: 7, patients: 50, now: NOW }))).not.toBe(
      sha(all({ seed: 8, patients: 50, now: NOW })),
    );
  });

  it('anchors to the start of the day in Asia/Ho_Chi_Minh', () => {
    expect(seedAnchor(new Date('2026-11-28T16:59:59Z')).toISOString()).toBe(
      '2026-11-27T17:00:00.000Z',
    );
    expect(seedAnchor(new Date('2026-11-28T17:00:00Z')).toISOString()).toBe(
      '2026-11-28T17:00:00.000Z',
    );
    expect(ictDate(seedAnchor(NOW))).toBe(TODAY);
    expect(sha(all({ seed: 1, patients: 10, now: NOW }))).toBe(
      sha(all({ seed: 1, patients: 10, now: new Date('2026-11-28T16:00:00Z') })),
    );
  });

  it('gives unique ids', () => {
    const keys = big.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('seed: identifiers and names', () => {
  const cccdSystems = [vnCoreMoh.identifierSystems.cccd, vnCoreCommunity.identifierSystems.cccd];

  it('gives every patient a medical record number no other patient has in that system', () => {
    const owners = new Map<string, string>();
    for (const p of patients) {
      for (const id of p.identifier ?? []) {
        if (id.type?.coding?.[0]?.code !== 'MR') continue;
        const key = `${id.system}|${id.value}`;
        expect(owners.get(key) ?? p.id, key).toBe(p.id);
        owners.set(key, p.id ?? '');
      }
    }
    expect(owners.size).toBeGreaterThan(patients.length / 2);
  });

  it('CCCD: 12 digits, old province prefix, century/sex digit consistent with birthDate and gender', () => {
    let checked = 0;
    for (const p of patients) {
      const cccd = p.identifier?.find((i) => cccdSystems.includes(i.system ?? ''))?.value;
      if (!cccd) continue;
      checked++;
      expect(cccd).toMatch(/^\d{12}$/);
      expect(isValidCccd(cccd)).toBe(true);
      expect(OLD_PROVINCES.map((o) => o.code)).toContain(cccd.slice(0, 3));
      const year = Number(p.birthDate?.slice(0, 4));
      const digit = Number(cccd[3]);
      const century = year < 2000 ? 0 : 2;
      expect(digit).toBe(century + (p.gender === 'female' ? 1 : 0));
      expect(cccd.slice(4, 6)).toBe(String(year % 100).padStart(2, '0'));
    }
    expect(checked).toBeGreaterThan(1500);
  });

  it('BHYT: legacy 15-char, 10-digit and CCCD formats, on Patient (moh) or Coverage (community)', () => {
    const values: string[] = [];
    for (const p of patients) {
      const onPatient = p.identifier?.find((i) => i.system === vnCoreMoh.identifierSystems.bhyt);
      if (onPatient?.value) {
        expect(p.meta?.profile?.[0]).toContain(vnCoreMoh.canonical);
        expect(onPatient.period?.end).toBeDefined();
        values.push(onPatient.value);
      }
    }
    for (const c of ofType<Coverage>(big, 'Coverage')) {
      const id = c.identifier?.find((i) => i.system === vnCoreCommunity.identifierSystems.bhyt);
      expect(id?.value).toBeDefined();
      expect(c.period?.end).toBeDefined();
      values.push(id?.value as string);
    }
    const formats = { legacy: 0, ten: 0, cccd: 0 };
    for (const v of values) {
      expect(isValidBhyt(v)).toBe(true);
      if (/^[A-Z]{2}[1-5]\d{2}\d{10}$/.test(v)) {
        formats.legacy++;
        expect(v.slice(3, 5)).toBe(v.slice(5, 7)); // province digits repeat in the BHXH number
      } else if (/^\d{10}$/.test(v)) formats.ten++;
      else if (/^\d{12}$/.test(v)) formats.cccd++;
      else throw new Error(`unexpected BHYT ${v}`);
    }
    expect(formats.legacy).toBeGreaterThan(100);
    expect(formats.ten).toBeGreaterThan(100);
    expect(formats.cccd).toBeGreaterThan(50);
    const moh = patients.filter((p) =>
      p.meta?.profile?.[0]?.startsWith(vnCoreMoh.canonical),
    ).length;
    expect(moh / patients.length).toBeGreaterThan(0.45);
    expect(moh / patients.length).toBeLessThan(0.55);
  });

  it('family names follow the published frequencies (2,000 patients)', () => {
    const total = FAMILY_NAMES.reduce((s, [, w]) => s + w, 0);
    const generated = patients.filter((p) => p.id?.startsWith('vnh-pt-1'));
    const counts = new Map<string, number>();
    for (const p of generated)
      counts.set(p.name?.[0]?.family ?? '', (counts.get(p.name?.[0]?.family ?? '') ?? 0) + 1);
    for (const [name, weight] of FAMILY_NAMES.slice(0, 6)) {
      const expected = weight / total;
      const sd = Math.sqrt((expected * (1 - expected)) / generated.length);
      const share = (counts.get(name) ?? 0) / generated.length;
      expect(Math.abs(share - expected), `${name}: ${share} vs ${expected}`).toBeLessThan(4 * sd);
    }
    const nguyen = (counts.get('Nguyễn') ?? 0) / generated.length;
    expect(nguyen).toBeGreaterThan(0.34);
    expect(nguyen).toBeLessThan(0.42);
  });

  it('names are NFC with text = family + given', () => {
    for (const p of patients) {
      const n = p.name?.[0];
      expect(n?.text).toBeDefined();
      expect(n?.text).toBe(n?.text?.normalize('NFC'));
      expect(n?.text).toBe([n?.family, ...(n?.given ?? [])].join(' '));
    }
  });

  it('phones are Vietnamese mobiles in E.164', () => {
    for (const p of patients) {
      for (const t of p.telecom ?? [])
        if (t.system === 'phone') expect(t.value).toMatch(/^\+84(3\d|5[68]|7\d|8\d|9\d)\d{7}$/);
    }
  });

  it('addresses: 2025 (province + commune, no district) and some legacy with districts', () => {
    const addresses = patients.flatMap((p) => p.address ?? []);
    const modern = addresses.filter((a) => !a.district);
    const legacy = addresses.filter((a) => a.district);
    expect(legacy.length).toBeGreaterThan(200);
    const names = new Set(provinces.map((p) => p.name));
    for (const a of modern) {
      expect(names.has(a.state ?? '')).toBe(true);
      expect(a.text).toContain(a.city ?? '');
    }
  });
});

describe('seed: facilities and scheduling', () => {
  it('places the pilot facilities in their 2025 provinces', () => {
    for (const f of FACILITIES) {
      const p = provinces.find((x) => x.code === f.provinceCode);
      expect(p, f.key).toBeDefined();
      const merged = p?.mergedFrom.length
        ? p.mergedFrom
        : [p?.name.replace(/^Tỉnh |^Thành phố /, '')];
      expect(merged, f.key).toContain(f.oldProvince);
    }
    const orgs = ofType<Organization>(big, 'Organization');
    for (const o of orgs)
      expect(
        o.identifier?.find((i) => i.system === vnCoreMoh.identifierSystems.facility)?.value,
      ).toMatch(/^\d{5}$/);
    expect(orgs.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'Bệnh viện Đa khoa tỉnh Trà Vinh',
        'Bệnh viện Đa khoa tỉnh Khánh Hòa',
        'Bệnh viện Đa khoa tỉnh Vĩnh Phúc',
        'Bệnh viện Nhi Thái Bình',
      ]),
    );
  });

  it('slots cover the coming four weeks in ICT working hours, with fully booked days and a 23:45 slot', () => {
    const slots = ofType<Slot>(big, 'Slot');
    const appointments = new Set(
      big.filter((r) => r.resourceType === 'Appointment').map((r) => r.id),
    );
    const byScheduleDay = new Map<string, Slot[]>();
    for (const s of slots) {
      expect(s.start).toMatch(/\+07:00$/);
      const day = s.start.slice(0, 10);
      const d = daysBetween(TODAY, day);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(SLOT_DAYS);
      const hhmm = s.start.slice(11, 16);
      if (hhmm !== '23:45') expect(hhmm >= '07:30' && hhmm < '16:30').toBe(true);
      const minutes = (Date.parse(s.end) - Date.parse(s.start)) / 60000;
      expect([15, 30]).toContain(minutes);
      if (s.status === 'busy')
        expect(appointments.has(`vnh-appt-${s.id?.slice('vnh-slot-'.length)}`)).toBe(true);
      const key = `${s.schedule.reference} ${day}`;
      byScheduleDay.set(key, [...(byScheduleDay.get(key) ?? []), s]);
    }
    const fullDays = [...byScheduleDay.values()].filter(
      (list) => list.length > 4 && list.every((s) => s.status === 'busy'),
    );
    expect(fullDays.length).toBeGreaterThan(10);
    expect(slots.find((s) => s.start === `${addDays(TODAY, 1)}T23:45:00+07:00`)?.status).toBe(
      'free',
    );
    const videoOnly = big.filter(
      (r) => r.resourceType === 'PractitionerRole' && r.availabilityExceptions,
    );
    expect(videoOnly.length).toBeGreaterThan(2);
  });
});

describe('seed: clinical data and vaccination', () => {
  it('demo patients are as documented', () => {
    const byPatient = (id: string) =>
      big.filter(
        (r) =>
          JSON.stringify(r).includes(`"Patient/${id}"`) ||
          (r.resourceType === 'Patient' && r.id === id),
      );
    const an = byPatient(demoPatients.an.id);
    expect(
      ofType<AllergyIntolerance>(an, 'AllergyIntolerance').some((a) => a.criticality === 'high'),
    ).toBe(true);
    expect(ofType<AllergyIntolerance>(an, 'AllergyIntolerance').length).toBeGreaterThanOrEqual(2);
    const codes = ofType<Condition>(an, 'Condition').map((c) => c.code?.coding?.[0]?.code);
    expect(codes).toEqual(expect.arrayContaining(['I10', 'E11']));
    const bp = ofType<Observation>(an, 'Observation').filter(
      (o) => o.code.coding?.[0]?.code === '85354-9',
    );
    expect(bp.length).toBeGreaterThanOrEqual(5);
    expect(an.some((r) => r.resourceType === 'MedicationStatement')).toBe(true);
    expect(an.some((r) => r.resourceType === 'Encounter')).toBe(true);
    const anPatient = ofType<Patient>(an, 'Patient')[0];
    expect(anPatient?.contact?.length).toBeGreaterThan(0);
    expect(
      anPatient?.identifier?.find((i) => i.system === vnCoreMoh.identifierSystems.bhyt)?.value,
    ).toBe(demoPatients.an.bhyt);

    const binhCoverage = ofType<Coverage>(byPatient(demoPatients.binh.id), 'Coverage')[0];
    expect(binhCoverage?.period?.end && binhCoverage.period.end < TODAY).toBe(true);

    const khoa = byPatient(demoPatients.khoa.id);
    const khoaPatient = ofType<Patient>(khoa, 'Patient')[0];
    expect(daysBetween(khoaPatient?.birthDate ?? '', TODAY)).toBeGreaterThan(420);
    expect(daysBetween(khoaPatient?.birthDate ?? '', TODAY)).toBeLessThan(440);
    const doses = ofType<Immunization>(khoa, 'Immunization').filter(
      (i) => i.status === 'completed',
    );
    expect(
      doses.some(
        (i) =>
          i.vaccineCode.coding?.[0]?.code === '198' &&
          i.protocolApplied?.[0]?.doseNumberPositiveInt === 3,
      ),
    ).toBe(false);
    const rec = khoa.find((r) => r.resourceType === 'ImmunizationRecommendation') as Resource & {
      recommendation: { forecastStatus: { coding: { code: string }[] } }[];
    };
    expect(rec.recommendation.some((r) => r.forecastStatus.coding[0]?.code === 'overdue')).toBe(
      true,
    );

    const hoa = patients.find((p) => p.id === demoPatients.hoa.id);
    expect(Object.keys(hoa ?? {}).sort()).toEqual(['id', 'name', 'resourceType']);

    const newborn = byPatient(demoPatients.newborn.id);
    expect(daysBetween(ofType<Patient>(newborn, 'Patient')[0]?.birthDate ?? '', TODAY)).toBe(5);
    const nbImm = ofType<Immunization>(newborn, 'Immunization');
    expect(nbImm.map((i) => i.vaccineCode.coding?.[0]?.code)).toEqual(['08']);
  });

  it('children of every age 0–10 with complete, late, too-early, not-done and entered-in-error records', () => {
    const ages = new Set<number>();
    for (const p of patients) {
      const days = daysBetween(p.birthDate ?? '1900-01-01', TODAY);
      if (days < 11 * 365.25) ages.add(Math.floor(days / 365.25));
    }
    expect([...ages].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const imms = ofType<Immunization>(big, 'Immunization');
    expect(imms.some((i) => i.status === 'not-done' && i.statusReason)).toBe(true);
    expect(imms.some((i) => i.status === 'entered-in-error')).toBe(true);
    expect(imms.some((i) => i.vaccineCode.coding?.some((c) => c.code === '198'))).toBe(true);
    expect(
      imms.some((i) =>
        i.vaccineCode.coding?.some(
          (c) => c.system === 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs',
        ),
      ),
    ).toBe(true);
    const facilities = new Set(imms.map((i) => i.location?.reference));
    expect(facilities.size).toBeGreaterThanOrEqual(4);
    for (const i of imms.filter((x) => x.status === 'completed')) {
      expect(i.lotNumber).toBeDefined();
      expect(i.route).toBeDefined();
      expect(i.performer?.length).toBeGreaterThan(0);
    }
    // A pentavalent dose 2 given 5 days before the 28-day minimum interval.
    const byChild = new Map<string, Immunization[]>();
    for (const i of imms)
      byChild.set(i.patient.reference ?? '', [
        ...(byChild.get(i.patient.reference ?? '') ?? []),
        i,
      ]);
    const tooEarly = [...byChild.values()].some((list) => {
      const penta = list
        .filter((i) => i.status === 'completed' && i.vaccineCode.coding?.[0]?.code === '198')
        .map((i) => i.occurrenceDateTime?.slice(0, 10) ?? '')
        .sort();
      return penta.length >= 2 && daysBetween(penta[0] ?? '', penta[1] ?? '') === 23;
    });
    expect(tooEarly).toBe(true);
    // And a first pentavalent dose 5 days before the 2-month minimum age.
    const birth = new Map(patients.map((p) => [`Patient/${p.id}`, p.birthDate ?? '']));
    const tooYoung = [...byChild.entries()].some(([child, list]) => {
      const first = list
        .filter((i) => i.status === 'completed' && i.vaccineCode.coding?.[0]?.code === '198')
        .map((i) => i.occurrenceDateTime?.slice(0, 10) ?? '')
        .sort()[0];
      const born = birth.get(child);
      if (!first || !born) return false;
      const twoMonths = new Date(`${born}T00:00:00Z`);
      twoMonths.setUTCMonth(twoMonths.getUTCMonth() + 2);
      return daysBetween(first, twoMonths.toISOString().slice(0, 10)) === 5;
    });
    expect(tooYoung).toBe(true);
    expect(
      big.filter((r) => r.resourceType === 'ImmunizationRecommendation').length,
    ).toBeGreaterThan(3);
  });

  it('vital signs use LOINC codes and UCUM units', () => {
    const obs = ofType<Observation>(big, 'Observation');
    const codes = new Set(obs.flatMap((o) => o.code.coding?.map((c) => c.code) ?? []));
    for (const code of ['85354-9', '8867-4', '8310-5', '59408-5', '2708-6', '29463-7', '8302-2'])
      expect(codes).toContain(code);
    for (const o of obs) {
      for (const q of [o.valueQuantity, ...(o.component ?? []).map((c) => c.valueQuantity)].filter(
        Boolean,
      )) {
        expect(q?.system).toBe('http://unitsofmeasure.org');
      }
    }
  });

  it('every resource type validates against the R4 definitions', () => {
    indexFhirDefinitions();
    const sample = new Map<string, Resource[]>();
    for (const r of big) {
      const list = sample.get(r.resourceType) ?? [];
      if (list.length < 40 || r.id?.startsWith('vnh-pt-00')) list.push(r);
      sample.set(r.resourceType, list);
    }
    for (const list of sample.values())
      for (const r of list)
        expect(() => validateResource(r), `${r.resourceType}/${r.id}`).not.toThrow();
  });
});
