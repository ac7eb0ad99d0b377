import type {
  Address,
  Identifier,
  Patient,
  PatientContact,
  Period,
  Resource,
} from '@medplum/fhirtypes';
import {
  ALLERGIES,
  COMMUNES_2025,
  CONDITIONS,
  HOME_PROVINCES,
  LEGACY_ADDRESSES,
  OLD_PROVINCES,
  STREETS,
} from './data.ts';
import { Systems, idType, vnCoreCommunity, vnCoreMoh } from './conventions.ts';
import { HOSPITALS, STATIONS, address2025, orgId } from './facilities.ts';
import type { FacilityDef } from './facilities.ts';
import {
  allergy,
  bhytCoverage,
  bhytIdentifier,
  condition,
  encounter,
  medicationStatements,
  vitalObservations,
} from './clinical.ts';
import type { VitalReading } from './clinical.ts';
import { makeBhyt, makeCccd, makeMobile } from './identifiers.ts';
import type { BhytFormat } from './identifiers.ts';
import { childImmunizations, recommendation } from './immunizations.ts';
import type { VaccinationScenario } from './immunizations.ts';
import { humanName, makeName, randomName } from './names.ts';
import type { VnName } from './names.ts';
import { Rng } from './random.ts';
import { addDays } from '@vnhealth/core';

export type Flavour = 'vn-core-moh' | 'vn-core-community';

/** Generated patient ids start after the fixed demo ids: `vnh-pt-100001`, … */
export const generatedPatientId = (i: number): string => `vnh-pt-${String(100001 + i)}`;

const PROFILE: Record<Flavour, string> = {
  'vn-core-moh': `${vnCoreMoh.canonical}/StructureDefinition/vn-core-patient`,
  'vn-core-community': `${vnCoreCommunity.canonical}/StructureDefinition/vn-core-patient`,
};

/** Hospital of a 2025 province code (or the first hospital). */
export function facilityFor(newProvince: string, rng: Rng): FacilityDef {
  const local = [...HOSPITALS, ...STATIONS].filter((f) => f.provinceCode === newProvince);
  return local.length ? rng.pick(local) : rng.pick(HOSPITALS);
}

export function mrnIdentifier(flavour: Flavour, facility: FacilityDef, value: string): Identifier {
  return {
    use: 'usual',
    type: idType('MR', 'Medical record number'),
    system:
      flavour === 'vn-core-moh'
        ? vnCoreMoh.identifierSystems.mrn
        : `${Systems.mrnBase}/${facility.maCskcb}`,
    value,
    assigner: { reference: `Organization/${orgId(facility.key)}`, display: facility.name },
  };
}

export function cccdIdentifier(flavour: Flavour, value: string): Identifier {
  return {
    use: 'official',
    type: idType('NI', 'National unique individual identifier'),
    system:
      flavour === 'vn-core-moh'
        ? vnCoreMoh.identifierSystems.cccd
        : vnCoreCommunity.identifierSystems.cccd,
    value,
  };
}

function legacyAddress(rng: Rng, old: (typeof LEGACY_ADDRESSES)[number], period?: Period): Address {
  const line = `Số ${rng.int(1, 250)} ${rng.pick(STREETS)}`;
  return {
    use: period ? 'old' : 'home',
    type: 'physical',
    text: `${line}, ${old.ward}, ${old.district}, ${old.province}`,
    line: [line],
    city: old.ward,
    district: old.district,
    state: old.province,
    country: 'VN',
    ...(period ? { period } : {}),
  };
}

function newAddress(rng: Rng, newProvince: string): Address {
  const communes = COMMUNES_2025[newProvince] ?? COMMUNES_2025['01'] ?? ['Phường Hoàn Kiếm'];
  const line = rng.chance(0.7)
    ? `Số ${rng.int(1, 250)} ${rng.pick(STREETS)}`
    : `Thôn ${rng.int(1, 12)}`;
  return address2025(newProvince, rng.pick(communes), line);
}

export function emergencyContact(
  name: VnName,
  relationship: 'wife' | 'husband' | 'mother' | 'father' | 'child',
  phone: string,
): PatientContact {
  const label = { wife: 'Vợ', husband: 'Chồng', mother: 'Mẹ', father: 'Bố', child: 'Con' }[
    relationship
  ];
  const v3 = { wife: 'WIFE', husband: 'HUSB', mother: 'MTH', father: 'FTH', child: 'CHILD' }[
    relationship
  ];
  return {
    relationship: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0131',
            code: 'C',
            display: 'Emergency Contact',
          },
        ],
        text: 'Liên hệ khẩn cấp',
      },
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: v3 }],
        text: label,
      },
    ],
    name: humanName(name),
    telecom: [{ system: 'phone', value: phone, use: 'mobile' }],
    gender:
      relationship === 'wife' || relationship === 'mother'
        ? 'female'
        : relationship === 'child'
          ? 'unknown'
          : 'male',
  };
}

export interface PatientContext {
  seed: number;
  /** Start of the anchor day (yyyy-mm-dd, Asia/Ho_Chi_Minh). */
  today: string;
  practitioners: number;
}

const ADULT_VISIT_DATES = [
  '2026-05-12',
  '2026-06-16',
  '2026-07-21',
  '2026-08-18',
  '2026-09-22',
  '2026-10-20',
  '2026-11-17',
];

/**
 * Everything about generated patient `i`: Patient, BHYT (on the Patient or a Coverage depending
 * on the flavour), and clinical data (allergies, conditions, medications, vitals, encounters) for
 * adults or an immunisation history for children.
 */
export function patientResources(ctx: PatientContext, i: number): Resource[] {
  const rng = new Rng(ctx.seed, 'patient', i);
  const id = generatedPatientId(i);
  const out: Resource[] = [];
  const flavour: Flavour = rng.chance(0.5) ? 'vn-core-moh' : 'vn-core-community';
  const gender = rng.chance(0.5) ? 'male' : 'female';
  // Children 0–10 (ages spread over every month) make ~20 % of the population; the first 44
  // generated patients are children of every age 0–10 so small seeds have them too.
  const isChild = i < 44 || rng.chance(0.2);
  let birthDate: string;
  if (isChild) {
    const ageMonths = i < 44 ? (i % 11) * 12 + rng.int(0, 11) : rng.int(0, 131);
    birthDate = addDays(ctx.today, -Math.round(ageMonths * 30.44) - rng.int(0, 20));
  } else {
    const year = rng.int(1936, 2007);
    birthDate = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  }
  const birthYear = Number(birthDate.slice(0, 4));
  const homeOld = rng.weighted(HOME_PROVINCES);
  const birthOld = rng.chance(0.8) ? homeOld : rng.pick(OLD_PROVINCES).code;
  const newProvince = OLD_PROVINCES.find((p) => p.code === homeOld)?.newCode ?? '01';
  const facility = facilityFor(newProvince, rng);
  const name = randomName(rng, gender);
  const cccd = makeCccd(rng, birthOld, birthYear, gender);
  const hasCccd = !isChild || rng.chance(0.6);

  const identifiers: Identifier[] = [];
  if (hasCccd) identifiers.push(cccdIdentifier(flavour, cccd));
  // Generated MRNs start at 1,000,001: the demo patients own the low numbers of each facility.
  identifiers.push(
    mrnIdentifier(
      flavour,
      facility,
      `${facility.maCskcb}-${String(i + 1_000_001).padStart(7, '0')}`,
    ),
  );

  // BHYT: ~92 % insured; format mix legacy 15-char / 10-digit / CCCD.
  const insured = isChild || rng.chance(0.92);
  const format: BhytFormat = rng.weighted<BhytFormat>([
    ['legacy15', 30],
    ['bhxh10', 45],
    ['cccd', hasCccd ? 25 : 0],
  ]);
  const bhyt = makeBhyt(rng, format, {
    oldProvince: homeOld,
    cccd,
    child: isChild && Number(ctx.today.slice(0, 4)) - birthYear < 6,
  });
  const validity = rng.weighted<'valid' | 'expired' | 'expiring'>([
    ['valid', 80],
    ['expired', 12],
    ['expiring', 8],
  ]);
  const period: Period =
    validity === 'valid'
      ? { start: '2026-01-01', end: '2026-12-31' }
      : validity === 'expired'
        ? { start: '2025-01-01', end: rng.pick(['2025-06-30', '2025-12-31', '2026-09-30']) }
        : { start: '2025-12-20', end: '2026-12-19' };
  const registered = facilityFor(newProvince, rng);
  if (insured && flavour === 'vn-core-moh')
    identifiers.push(bhytIdentifier(bhyt.value, period, registered));

  const addresses: Address[] = [];
  const addressKind = rng.weighted<'new' | 'legacy' | 'both'>([
    ['new', 70],
    ['legacy', 15],
    ['both', 15],
  ]);
  const legacyCandidates = LEGACY_ADDRESSES.filter((a) => a.oldCode === homeOld);
  const legacy = legacyCandidates.length ? rng.pick(legacyCandidates) : rng.pick(LEGACY_ADDRESSES);
  if (addressKind !== 'legacy') addresses.push(newAddress(rng, newProvince));
  if (addressKind !== 'new')
    addresses.push(
      legacyAddress(rng, legacy, addressKind === 'both' ? { end: '2025-06-30' } : undefined),
    );

  const phone = makeMobile(rng);
  const patient: Patient = {
    resourceType: 'Patient',
    id,
    meta: { profile: [PROFILE[flavour]] },
    identifier: identifiers,
    active: true,
    name: [humanName(name)],
    telecom: isChild ? [] : [{ system: 'phone', value: phone, use: 'mobile' }],
    gender,
    birthDate,
    address: addresses,
    managingOrganization: {
      reference: `Organization/${orgId(facility.key)}`,
      display: facility.name,
    },
  };
  if (!patient.telecom?.length) delete patient.telecom;
  if (isChild) {
    const parentGender = rng.chance(0.7) ? 'female' : 'male';
    const parent = makeName(name.family, randomName(rng, parentGender).given);
    patient.contact = [
      emergencyContact(parent, parentGender === 'female' ? 'mother' : 'father', phone),
    ];
  } else if (rng.chance(0.6)) {
    const spouse = rng.chance(0.5);
    const contactGender = spouse
      ? gender === 'male'
        ? 'female'
        : 'male'
      : rng.chance(0.5)
        ? 'male'
        : 'female';
    patient.contact = [
      emergencyContact(
        randomName(rng, contactGender),
        spouse ? (gender === 'male' ? 'wife' : 'husband') : 'child',
        makeMobile(rng),
      ),
    ];
  }
  out.push(patient);
  if (insured && flavour === 'vn-core-community') {
    out.push(bhytCoverage(`${id}-cov`, id, bhyt.value, bhyt.group, period, registered));
  }

  const practitioner = (r: Rng): string | undefined =>
    ctx.practitioners > 0
      ? `vnh-pr-${String(r.int(1, ctx.practitioners)).padStart(4, '0')}`
      : undefined;

  if (isChild) {
    const scenario = rng.weighted<VaccinationScenario>([
      ['complete', 45],
      ['late', 20],
      ['catch-up', 12],
      ['overdue', 15],
      ['too-early', 8],
    ]);
    const imms = childImmunizations(rng, id, birthDate, ctx.today, scenario, {
      notDone: rng.chance(0.15),
      enteredInError: rng.chance(0.1),
      performer: practitioner,
    });
    out.push(...imms);
    if (rng.chance(0.15)) {
      const givenKeys = imms
        .filter((m) => m.status === 'completed')
        .map((m) => m.protocolApplied?.[0])
        .map((p) => `${p?.series}:${p?.doseNumberPositiveInt}`);
      const keys = keysFromSeries(givenKeys);
      const rec = recommendation(`${id}-imrec`, id, birthDate, ctx.today, keys);
      if (rec) out.push(rec);
    }
    return out;
  }

  // Adults: allergies, conditions, medications, encounters and vitals.
  const age = Number(ctx.today.slice(0, 4)) - birthYear;
  const allergyCount = rng.weighted([
    [0, 67],
    [1, 25],
    [2, 8],
  ] as const);
  const usedAllergies = new Set<number>();
  for (let a = 0; a < allergyCount; a++) {
    const index = rng.weighted(ALLERGIES.map((x, k) => [k, x.weight] as const));
    if (usedAllergies.has(index)) continue;
    usedAllergies.add(index);
    out.push(
      allergy(
        `${id}-alg-${a + 1}`,
        id,
        index,
        `${rng.int(2010, 2025)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      ),
    );
  }
  const conditionCount =
    age > 55
      ? rng.int(1, 3)
      : age > 35
        ? rng.int(0, 2)
        : rng.weighted([
            [0, 70],
            [1, 30],
          ] as const);
  const codes = new Set<string>();
  for (let c = 0; c < conditionCount; c++) {
    const pick = rng.weighted(CONDITIONS.map((x) => [x.code, x.weight] as const));
    codes.add(pick);
  }
  const visits = codes.has('I10') || codes.has('E11') ? rng.int(3, 6) : rng.chance(0.4) ? 1 : 0;
  const visitDates = ADULT_VISIT_DATES.slice(ADULT_VISIT_DATES.length - visits);
  const virtual = rng.chance(0.3);
  let k = 0;
  for (const code of codes) {
    k++;
    const onset = `${rng.int(2012, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const conditionId = `${id}-cond-${k}`;
    out.push(condition(conditionId, id, code, onset));
    if (CONDITIONS.find((x) => x.code === code)?.chronic)
      out.push(...medicationStatements(`${id}-med-${k}`, id, code, conditionId, onset));
  }
  const height = gender === 'male' ? rng.int(158, 178) : rng.int(148, 165);
  let weight = gender === 'male' ? rng.int(52, 82) : rng.int(42, 68);
  let systolic = codes.has('I10') ? rng.int(140, 165) : rng.int(105, 132);
  for (const [v, date] of visitDates.entries()) {
    const encounterId = `${id}-enc-${v + 1}`;
    out.push(
      encounter(
        encounterId,
        id,
        date,
        facility,
        virtual && v % 2 === 1,
        codes.has('I10') ? 'Tái khám tăng huyết áp' : 'Khám bệnh',
        practitioner(rng),
      ),
    );
    systolic = Math.max(110, systolic - rng.int(0, 6));
    weight = Math.round((weight + (rng.next() - 0.5) * 1.6) * 10) / 10;
    const reading: VitalReading = {
      date: `${date}T08:10:00+07:00`,
      systolic,
      diastolic: Math.round(systolic * 0.62 + rng.int(-4, 4)),
      heartRate: rng.int(62, 92),
      weight,
      ...(v === 0 ? { height } : {}),
      ...(rng.chance(0.3) ? { temperature: Math.round((36.4 + rng.next() * 0.8) * 10) / 10 } : {}),
      ...(rng.chance(0.3) ? { spo2: rng.int(95, 99) } : {}),
    };
    out.push(...vitalObservations(id, `${id}-obs-${v + 1}`, reading, encounterId));
  }
  return out;
}

/** Maps `series:doseNumber` pairs to TCMR dose keys. */
function keysFromSeries(pairs: readonly string[]): string[] {
  const map: Record<string, string> = {
    'VGB:1': 'hepb-birth',
    'BCG:1': 'bcg',
    'DPT-VGB-Hib:1': 'penta-1',
    'DPT-VGB-Hib:2': 'penta-2',
    'DPT-VGB-Hib:3': 'penta-3',
    'bOPV:1': 'opv-1',
    'bOPV:2': 'opv-2',
    'bOPV:3': 'opv-3',
    'IPV:1': 'ipv-1',
    'IPV:2': 'ipv-2',
    'Sởi:1': 'measles-1',
    'VNNB:1': 'je-1',
    'VNNB:2': 'je-2',
    'VNNB:3': 'je-3',
    'MR:1': 'mr',
    'DPT:4': 'dpt-4',
    'Td:5': 'td-7y',
  };
  return pairs.map((p) => map[p]).filter((k): k is string => Boolean(k));
}

export { keysFromSeries };
