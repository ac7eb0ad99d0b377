import type { Patient, Resource } from '@medplum/fhirtypes';
import {
  allergy,
  bhytCoverage,
  bhytIdentifier,
  condition,
  encounter,
  medicationStatements,
  vitalObservations,
} from './clinical.ts';
import { ALLERGIES } from './data.ts';
import { address2025, facilityByKey, orgId } from './facilities.ts';
import { TCMR_DOSES, immunization, nominalDate, recommendation } from './immunizations.ts';
import type { GivenDose, TcmrDose } from './immunizations.ts';
import { humanName, makeName } from './names.ts';
import { cccdIdentifier, emergencyContact, mrnIdentifier } from './patients.ts';
import { Rng } from './random.ts';
import { addDays, addMonths } from '@vnhealth/core';
import { vnCoreCommunity, vnCoreMoh } from './conventions.ts';

/** A demo patient's handle: fixed id and identifier values that tests and demos look up. */
export interface DemoPatient {
  id: string;
  name: string;
  flavour: 'vn-core-moh' | 'vn-core-community';
  cccd?: string;
  bhyt?: string;
  /** Where the BHYT lives: on Patient.identifier or on a Coverage. */
  bhytOn?: 'patient' | 'coverage';
  mrn?: string;
}

/**
 * The fixed demo patients, the same for every seed and size. See the package README for what
 * each one exercises.
 */
export const demoPatients = {
  /** Adult, vn-core-moh, everything: high-criticality penicillin allergy, I10 + E11, vitals series, valid BHYT. */
  an: {
    id: 'vnh-pt-001',
    name: 'Nguyễn Văn An',
    flavour: 'vn-core-moh',
    cccd: '084068012345',
    bhyt: 'DN4848412345678',
    bhytOn: 'patient',
    mrn: '84001-0000001',
  },
  /** Adult, vn-core-community, BHYT on a Coverage that EXPIRED on 2025-12-31. */
  binh: {
    id: 'vnh-pt-002',
    name: 'Trần Thị Bình',
    flavour: 'vn-core-community',
    cccd: '056175004321',
    bhyt: '5612345678',
    bhytOn: 'coverage',
    mrn: '56001-0000002',
  },
  /** A child about 14 months old with overdue doses (pentavalent 3, bOPV 3, JE 1). */
  khoa: {
    id: 'vnh-pt-003',
    name: 'Lê Minh Khoa',
    flavour: 'vn-core-moh',
    bhyt: 'TE1343412345678',
    bhytOn: 'patient',
    mrn: '34012-0000003',
  },
  /** A record with only a name. */
  hoa: { id: 'vnh-pt-004', name: 'Phạm Thị Hoa', flavour: 'vn-core-moh' },
  /** A newborn, 5 days old, with only the birth hepatitis B dose. */
  newborn: { id: 'vnh-pt-005', name: 'Đỗ Gia Hân', flavour: 'vn-core-moh' },
} as const satisfies Record<string, DemoPatient>;

const facility = facilityByKey;

/** All resources of the demo patients, relative to `today` (yyyy-mm-dd in Asia/Ho_Chi_Minh). */
export function demoResources(seed: number, today: string): Resource[] {
  const rng = new Rng(seed, 'demo');
  const out: Resource[] = [];
  const travinh = facility('bvdk-travinh');
  const khanhhoa = facility('bvdk-khanhhoa');
  const nhiThaiBinh = facility('bvnhi-thaibinh');
  const vuthu = facility('tyt-vuthu');
  const vinhphuc = facility('bvdk-vinhphuc');

  // vnh-pt-001 Nguyễn Văn An
  const an = demoPatients.an;
  out.push({
    resourceType: 'Patient',
    id: an.id,
    meta: { profile: [`${vnCoreMoh.canonical}/StructureDefinition/vn-core-patient`] },
    identifier: [
      cccdIdentifier('vn-core-moh', an.cccd),
      bhytIdentifier(an.bhyt, { start: '2026-01-01', end: '2027-12-31' }, travinh),
      mrnIdentifier('vn-core-moh', travinh, an.mrn),
    ],
    active: true,
    name: [humanName(makeName('Nguyễn', ['Văn', 'An']))],
    telecom: [
      { system: 'phone', value: '+84912345678', use: 'mobile', rank: 1 },
      { system: 'email', value: 'nguyen.van.an@example.vn', use: 'home' },
    ],
    gender: 'male',
    birthDate: '1968-05-14',
    address: [
      address2025('86', 'Phường Trà Vinh', 'Số 12 Nguyễn Đáng'),
      {
        use: 'old',
        type: 'physical',
        text: 'Số 12 Nguyễn Đáng, Phường 7, Thành phố Trà Vinh, Tỉnh Trà Vinh',
        line: ['Số 12 Nguyễn Đáng'],
        city: 'Phường 7',
        district: 'Thành phố Trà Vinh',
        state: 'Tỉnh Trà Vinh',
        country: 'VN',
        period: { end: '2025-06-30' },
      },
    ],
    maritalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
          code: 'M',
          display: 'Married',
        },
      ],
      text: 'Đã kết hôn',
    },
    contact: [emergencyContact(makeName('Trần', ['Thị', 'Lan']), 'wife', '+84987654321')],
    communication: [
      {
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'vi', display: 'Tiếng Việt' }] },
        preferred: true,
      },
    ],
    managingOrganization: {
      reference: `Organization/${orgId(travinh.key)}`,
      display: travinh.name,
    },
  } satisfies Patient);
  const penicillin = ALLERGIES.findIndex((a) => a.code === '764146007');
  const seafood = ALLERGIES.findIndex((a) => a.code === '44027008');
  out.push(allergy(`${an.id}-alg-1`, an.id, penicillin, '2010-04-02', 'high'));
  out.push(allergy(`${an.id}-alg-2`, an.id, seafood, '2018-07-15', 'low'));
  out.push(condition(`${an.id}-cond-1`, an.id, 'I10', '2015-03-10'));
  out.push(condition(`${an.id}-cond-2`, an.id, 'E11', '2019-08-22'));
  out.push(condition(`${an.id}-cond-3`, an.id, 'J06.9', '2026-02-03'));
  out.push(
    ...medicationStatements(`${an.id}-med-1`, an.id, 'I10', `${an.id}-cond-1`, '2015-03-10'),
  );
  out.push(
    ...medicationStatements(`${an.id}-med-2`, an.id, 'E11', `${an.id}-cond-2`, '2019-08-22'),
  );
  const anVisits = [
    ['2026-05-12', 152, 95, 72.4],
    ['2026-06-16', 148, 92, 72.0],
    ['2026-07-21', 145, 90, 71.3],
    ['2026-08-18', 140, 88, 70.8],
    ['2026-09-22', 136, 86, 70.1],
    ['2026-10-20', 134, 85, 69.8],
    ['2026-11-17', 132, 84, 69.5],
  ] as const;
  for (const [v, [date, sys, dia, wt]] of anVisits.entries()) {
    const encounterId = `${an.id}-enc-${v + 1}`;
    out.push(
      encounter(
        encounterId,
        an.id,
        date,
        travinh,
        v % 3 === 2,
        'Tái khám tăng huyết áp, đái tháo đường típ 2',
        'vnh-pr-0001',
      ),
    );
    out.push(
      ...vitalObservations(
        an.id,
        `${an.id}-obs-${v + 1}`,
        {
          date: `${date}T08:10:00+07:00`,
          systolic: sys,
          diastolic: dia,
          heartRate: 78 - v,
          weight: wt,
          ...(v === 0 || v === anVisits.length - 1 ? { height: 168 } : {}),
          ...(v === anVisits.length - 1 ? { temperature: 36.7, spo2: 97 } : {}),
        },
        encounterId,
      ),
    );
  }

  // vnh-pt-002 Trần Thị Bình (community flavour, expired BHYT on Coverage)
  const binh = demoPatients.binh;
  out.push({
    resourceType: 'Patient',
    id: binh.id,
    meta: { profile: [`${vnCoreCommunity.canonical}/StructureDefinition/vn-core-patient`] },
    identifier: [
      cccdIdentifier('vn-core-community', binh.cccd),
      mrnIdentifier('vn-core-community', khanhhoa, binh.mrn),
    ],
    active: true,
    name: [humanName(makeName('Trần', ['Thị', 'Bình']))],
    telecom: [{ system: 'phone', value: '+84903456789', use: 'mobile' }],
    gender: 'female',
    birthDate: '1975-09-02',
    address: [address2025('56', 'Phường Nha Trang', 'Số 45 Trần Phú')],
    contact: [emergencyContact(makeName('Lê', ['Văn', 'Hùng']), 'husband', '+84935123456')],
    managingOrganization: {
      reference: `Organization/${orgId(khanhhoa.key)}`,
      display: khanhhoa.name,
    },
  } satisfies Patient);
  out.push(
    bhytCoverage(
      `${binh.id}-cov`,
      binh.id,
      binh.bhyt,
      'GD',
      { start: '2025-01-01', end: '2025-12-31' },
      khanhhoa,
    ),
  );
  out.push(
    allergy(
      `${binh.id}-alg-1`,
      binh.id,
      ALLERGIES.findIndex((a) => a.code === '387458008'),
      '2020-11-02',
    ),
  );
  out.push(condition(`${binh.id}-cond-1`, binh.id, 'E78.5', '2021-05-04'));
  out.push(
    ...medicationStatements(
      `${binh.id}-med-1`,
      binh.id,
      'E78.5',
      `${binh.id}-cond-1`,
      '2021-05-04',
    ),
  );
  for (const [v, date] of ['2026-08-05', '2026-11-04'].entries()) {
    const encounterId = `${binh.id}-enc-${v + 1}`;
    out.push(
      encounter(
        encounterId,
        binh.id,
        date,
        khanhhoa,
        v === 1,
        'Khám sức khỏe định kỳ',
        'vnh-pr-0003',
      ),
    );
    out.push(
      ...vitalObservations(
        binh.id,
        `${binh.id}-obs-${v + 1}`,
        {
          date: `${date}T09:00:00+07:00`,
          systolic: 124 - v * 2,
          diastolic: 78,
          heartRate: 74,
          weight: 55.2 - v * 0.4,
          height: 156,
        },
        encounterId,
      ),
    );
  }

  // vnh-pt-003 Lê Minh Khoa, 14 months, overdue pentavalent 3 / bOPV 3 / JE 1
  const khoa = demoPatients.khoa;
  const khoaBirth = addMonths(today, -14);
  out.push({
    resourceType: 'Patient',
    id: khoa.id,
    meta: { profile: [`${vnCoreMoh.canonical}/StructureDefinition/vn-core-patient`] },
    identifier: [
      bhytIdentifier(khoa.bhyt, { start: khoaBirth, end: addMonths(khoaBirth, 72) }, vuthu),
      mrnIdentifier('vn-core-moh', nhiThaiBinh, khoa.mrn),
    ],
    active: true,
    name: [humanName(makeName('Lê', ['Minh', 'Khoa']))],
    gender: 'male',
    birthDate: khoaBirth,
    address: [address2025('33', 'Phường Trần Lãm', 'Số 8 Lý Thường Kiệt')],
    contact: [emergencyContact(makeName('Nguyễn', ['Thị', 'Hạnh']), 'mother', '+84971234567')],
    managingOrganization: {
      reference: `Organization/${orgId(nhiThaiBinh.key)}`,
      display: nhiThaiBinh.name,
    },
  } satisfies Patient);
  const dose = (key: string): TcmrDose => {
    const found = TCMR_DOSES.find((d) => d.key === key);
    if (!found) throw new Error(`Unknown dose ${key}`);
    return found;
  };
  const khoaDoses: GivenDose[] = [
    { dose: dose('hepb-birth'), date: khoaBirth, facility: nhiThaiBinh },
    { dose: dose('bcg'), date: addDays(khoaBirth, 3), facility: nhiThaiBinh },
    {
      dose: dose('penta-1'),
      date: addDays(nominalDate(khoaBirth, dose('penta-1')), 3),
      facility: vuthu,
    },
    {
      dose: dose('opv-1'),
      date: addDays(nominalDate(khoaBirth, dose('opv-1')), 3),
      facility: vuthu,
    },
    {
      dose: dose('penta-2'),
      date: addDays(nominalDate(khoaBirth, dose('penta-2')), 5),
      facility: vuthu,
    },
    {
      dose: dose('opv-2'),
      date: addDays(nominalDate(khoaBirth, dose('opv-2')), 5),
      facility: vuthu,
    },
    {
      dose: dose('ipv-1'),
      date: addDays(nominalDate(khoaBirth, dose('ipv-1')), 2),
      facility: nhiThaiBinh,
    },
    {
      dose: dose('measles-1'),
      date: addDays(nominalDate(khoaBirth, dose('measles-1')), 4),
      facility: vuthu,
    },
    {
      dose: dose('ipv-2'),
      date: addDays(nominalDate(khoaBirth, dose('ipv-2')), 4),
      facility: vuthu,
    },
  ];
  for (const [i, given] of khoaDoses.entries()) {
    out.push(
      immunization(
        rng,
        `${khoa.id}-imm-${i + 1}`,
        khoa.id,
        given,
        i < 2 ? 'vnh-pr-0002' : undefined,
      ),
    );
  }
  out.push(
    immunization(
      rng,
      `${khoa.id}-imm-nd`,
      khoa.id,
      {
        dose: dose('penta-3'),
        date: addDays(nominalDate(khoaBirth, dose('penta-3')), 2),
        facility: vuthu,
      },
      undefined,
      'not-done',
    ),
  );
  const khoaRec = recommendation(
    `${khoa.id}-imrec`,
    khoa.id,
    khoaBirth,
    today,
    khoaDoses.map((d) => d.dose.key),
  );
  if (khoaRec) out.push(khoaRec);

  // vnh-pt-004 Phạm Thị Hoa: only a name
  out.push({
    resourceType: 'Patient',
    id: demoPatients.hoa.id,
    name: [humanName(makeName('Phạm', ['Thị', 'Hoa']))],
  } satisfies Patient);

  // vnh-pt-005 newborn, 5 days old, birth HepB only
  const nb = demoPatients.newborn;
  const nbBirth = addDays(today, -5);
  out.push({
    resourceType: 'Patient',
    id: nb.id,
    meta: { profile: [`${vnCoreMoh.canonical}/StructureDefinition/vn-core-patient`] },
    identifier: [mrnIdentifier('vn-core-moh', vinhphuc, '26001-0000005')],
    active: true,
    name: [humanName(makeName('Đỗ', ['Gia', 'Hân']))],
    gender: 'female',
    birthDate: nbBirth,
    address: [address2025('25', 'Phường Vĩnh Phúc', 'Số 3 Mê Linh')],
    contact: [emergencyContact(makeName('Vũ', ['Thị', 'Thu']), 'mother', '+84389876543')],
    managingOrganization: {
      reference: `Organization/${orgId(vinhphuc.key)}`,
      display: vinhphuc.name,
    },
  } satisfies Patient);
  out.push(
    immunization(
      rng,
      `${nb.id}-imm-1`,
      nb.id,
      { dose: dose('hepb-birth'), date: nbBirth, facility: vinhphuc },
      undefined,
    ),
  );
  return out;
}
