/**
 * The records of the history benchmark: a child and an adult with seeded records of any length,
 * shaped as the national platform's Immunization resources. Nothing depends on today: every
 * record has a fixed as-of day. Pure (no DOM): the page (bench/history-page.ts) and Node use it.
 */
import type { Immunization, Patient } from '@vnhealth/core';

const CVX = 'http://hl7.org/fhir/sid/cvx';
const VN = 'http://fhir.hl7.org.vn/core/CodeSystem/vn-vaccine-type-cs';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const ROUTE = 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration';
const UCUM = 'http://unitsofmeasure.org';

/** The day every record is evaluated on. */
export const AS_OF = '2026-11-28';

/** mulberry32: a small seeded generator, so every run builds the same records. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

interface Vaccine {
  system: string;
  code: string;
  display: string;
  /** Lot prefix, as the manufacturer prints it. */
  lot: string;
  route: 'IM' | 'SC' | 'PO' | 'IDINJ';
}

const v = (code: string, display: string, lot: string, route: Vaccine['route'] = 'IM') => ({
  system: CVX,
  code,
  display,
  lot,
  route,
});
const V = {
  hepbChild: v('08', 'Viêm gan B sơ sinh', 'VGB'),
  bcg: v('19', 'Lao (BCG)', 'BCG', 'IDINJ'),
  penta: v('198', 'DPT-VGB-Hib (5 trong 1)', 'QVX'),
  hexa: v('146', 'Vắc xin 6 trong 1', 'HEX'),
  bopv: v('178', 'bOPV', 'OPV', 'PO'),
  ipv: v('10', 'IPV', 'IPV'),
  measles: v('05', 'Sởi', 'MVV', 'SC'),
  mr: v('04', 'Sởi – Rubella (MR)', 'MRV', 'SC'),
  dtp: v('01', 'DPT', 'DPT'),
  je: v('39', 'Viêm não Nhật Bản', 'JEV', 'SC'),
  flu: v('150', 'Cúm mùa 4 chủng', 'FLU'),
  fluChild: v('161', 'Cúm mùa 4 chủng (trẻ em)', 'FLP'),
  rota: v('119', 'Rota (1 chủng)', 'ROT', 'PO'),
  pcv: v('133', 'Phế cầu cộng hợp 13', 'PCV'),
  hepa: v('83', 'Viêm gan A (trẻ em)', 'HAV'),
  varicella: v('21', 'Thủy đậu', 'VAR', 'SC'),
  td: v('09', 'Uốn ván – bạch hầu giảm liều (Td)', 'TDV'),
  tt: v('35', 'Uốn ván hấp phụ (VAT)', 'VAT'),
  hepbAdult: v('43', 'Viêm gan B (người lớn)', 'HBA'),
  covidPfizer: v('208', 'COVID-19 Pfizer', 'FK'),
  covidAz: v('210', 'COVID-19 AstraZeneca', 'AZ'),
  covidVero: v('510', 'COVID-19 Vero Cell (Sinopharm)', 'VC'),
  zoster: v('187', 'Zona thần kinh (Shingrix)', 'SHX'),
  ppsv: v('33', 'Phế cầu 23 (PPSV23)', 'PNE'),
  menacwy: v('136', 'Não mô cầu ACYW', 'MEN'),
  hpv: v('165', 'HPV 9 chủng', 'HPV'),
  vnMeasles: { system: VN, code: 'measles', display: 'Vaccine sởi', lot: 'MVV', route: 'SC' },
  vnHepB: {
    system: VN,
    code: 'hepatitis-b',
    display: 'Vaccine viêm gan B',
    lot: 'VGB',
    route: 'IM',
  },
} satisfies Record<string, Vaccine>;

const HOSPITALS = [
  { id: 'loc-snh-tv', name: 'Bệnh viện Sản Nhi Trà Vinh' },
  { id: 'loc-tyt-ld', name: 'Trạm Y tế xã Long Đức' },
  { id: 'loc-tyt-hh', name: 'Trạm Y tế phường Hòa Thuận' },
  { id: 'loc-vnvc-tv', name: 'Trung tâm tiêm chủng VNVC Trà Vinh' },
  { id: 'loc-cdc-vl', name: 'CDC Vĩnh Long' },
  { id: 'loc-nhi-tb', name: 'Bệnh viện Nhi Thái Bình' },
];
const NURSES = ['Nguyễn Thị Hạnh', 'Trần Văn Phúc', 'Lê Thị Thu', 'Phạm Minh Tâm'];
const NOT_DONE = [
  { code: 'MEDPREC', display: 'medical precaution', text: 'Đang sốt, hoãn tiêm' },
  { code: 'OSTOCK', display: 'product out of stock', text: 'Hết vắc xin' },
  { code: 'PATOBJ', display: 'patient objection', text: 'Gia đình từ chối' },
];

const DAY = 86_400_000;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** One Immunization resource, shaped as a national-platform record. */
function resource(
  r: Rng,
  patientId: string,
  i: number,
  vaccine: Vaccine,
  date: string,
  status: 'completed' | 'not-done' | 'entered-in-error' = 'completed',
): Immunization {
  const place = r.pick(HOSPITALS);
  const imported = r.next() < 0.1;
  const reason = r.pick(NOT_DONE);
  const hour = String(r.int(7, 16)).padStart(2, '0');
  return {
    resourceType: 'Immunization',
    id: `${patientId}-imm-${i + 1}`,
    status,
    ...(status === 'not-done'
      ? {
          statusReason: {
            coding: [{ system: ACT_REASON, code: reason.code, display: reason.display }],
            text: reason.text,
          },
        }
      : {}),
    vaccineCode: {
      coding: [{ system: vaccine.system, code: vaccine.code, display: vaccine.display }],
      ...(r.next() < 0.3 ? { text: vaccine.display } : {}),
    },
    patient: { reference: `Patient/${patientId}` },
    occurrenceDateTime: `${date}T${hour}:${String(r.int(0, 11) * 5).padStart(2, '0')}:00+07:00`,
    recorded: `${date}T17:00:00+07:00`,
    primarySource: !imported,
    ...(imported ? { reportOrigin: { text: 'Sổ tiêm chủng giấy' } } : {}),
    location: { reference: `Location/${place.id}`, display: place.name },
    ...(status === 'not-done'
      ? {}
      : {
          lotNumber: `${vaccine.lot}${date.slice(2, 4)}${date.slice(5, 7)}-${r.int(100, 999)}`,
          expirationDate: addDays(date, r.int(90, 540)),
          route: { coding: [{ system: ROUTE, code: vaccine.route }] },
          doseQuantity:
            vaccine.route === 'PO'
              ? { value: 2, unit: 'giọt', system: UCUM, code: '{drop}' }
              : {
                  value: vaccine.route === 'IDINJ' ? 0.1 : 0.5,
                  unit: 'mL',
                  system: UCUM,
                  code: 'mL',
                },
        }),
    performer: [
      { actor: { reference: `Practitioner/nv-${r.int(1, 40)}`, display: r.pick(NURSES) } },
      { actor: { reference: `Organization/${place.id}`, display: place.name } },
    ],
  };
}

/** A patient of the benchmark: who, the schedule's doses at their ages, and what recurs. */
interface Subject {
  patient: Patient;
  /** The schedule's doses: [vaccine, days after birth]. */
  base: [Vaccine, number][];
  /** The vaccines that fill a longer record (repeats, catch-up, seasonal, service vaccines). */
  extra: Vaccine[];
}

export const subjects: Record<'child' | 'adult', Subject> = {
  child: {
    patient: {
      resourceType: 'Patient',
      id: 'bench-child',
      name: [{ text: 'Nguyễn Thị Mai', family: 'Nguyễn', given: ['Thị', 'Mai'] }],
      gender: 'female',
      birthDate: '2021-03-10',
    },
    base: [
      [V.hepbChild, 0],
      [V.bcg, 3],
      [V.penta, 55], // 5 days before the 2-month minimum age: does not count
      [V.bopv, 61],
      [V.penta, 91],
      [V.bopv, 91],
      [V.penta, 122],
      [V.bopv, 122],
      [V.penta, 155],
      [V.ipv, 155],
      [V.measles, 274],
      [V.ipv, 274],
      [V.je, 366],
      [V.je, 380],
      [V.mr, 548],
      [V.dtp, 548],
      [V.je, 730],
      [V.vnMeasles, 800],
    ],
    extra: [
      V.fluChild,
      V.fluChild,
      V.rota,
      V.pcv,
      V.hepa,
      V.varicella,
      V.hexa,
      V.bopv,
      V.je,
      V.mr,
      V.vnHepB,
      V.penta,
    ],
  },
  adult: {
    patient: {
      resourceType: 'Patient',
      id: 'bench-adult',
      name: [{ text: 'Trần Văn Hùng', family: 'Trần', given: ['Văn', 'Hùng'] }],
      gender: 'male',
      birthDate: '1985-06-02',
    },
    base: [
      [V.bcg, 2],
      [V.dtp, 70],
      [V.dtp, 100],
      [V.dtp, 130],
      [V.measles, 280],
      [V.td, 6000],
      [V.hepbAdult, 9000],
      [V.hepbAdult, 9030],
      [V.hepbAdult, 9190],
      [V.covidAz, 13180],
      [V.covidAz, 13270],
      [V.covidPfizer, 13450],
      [V.td, 14000],
      [V.zoster, 14800],
    ],
    extra: [
      V.flu,
      V.flu,
      V.flu,
      V.td,
      V.tt,
      V.hepbAdult,
      V.covidPfizer,
      V.covidVero,
      V.ppsv,
      V.menacwy,
      V.hpv,
      V.zoster,
    ],
  },
};

/**
 * A record of `n` Immunization resources for the child or the adult: the schedule's doses at
 * their ages (one of them too early), then doses of `extra` spread over the lifetime (more than
 * the schedule asks, so most are extra), about 1 in 12 of them not done with a reason and 1 in
 * 60 entered in error. Seeded by the subject and the size: the same every run.
 */
export function record(kind: 'child' | 'adult', n: number): Immunization[] {
  const s = subjects[kind];
  const r = rng(n * 31 + (kind === 'child' ? 1 : 2));
  const birth = s.patient.birthDate!;
  const span = daysBetween(birth, AS_OF) - 1;
  const out: Immunization[] = [];
  for (const [vaccine, day] of s.base.slice(0, n)) {
    out.push(resource(r, s.patient.id!, out.length, vaccine, addDays(birth, day)));
  }
  while (out.length < n) {
    const roll = r.next();
    const status = roll < 0.08 ? 'not-done' : roll < 0.097 ? 'entered-in-error' : 'completed';
    const date = addDays(birth, r.int(1, span));
    out.push(resource(r, s.patient.id!, out.length, r.pick(s.extra), date, status));
  }
  return out;
}
