/**
 * The patient's data as the engine reads it (CDSi §4.1–4.2): completed Immunizations dated as
 * recorded and split into antigen records through the schedule's vaccine-to-antigen map (with its
 * ages), `not-done` records set aside, and active observations by schedule observation code.
 * Every date becomes a day number here, once.
 *
 * @internal
 * @module
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  Condition,
  Immunization,
  Observation,
} from '../../fhir/index.ts';
import { endOfMonth, recordedDate, toDay, type AgeDay } from './dates.ts';
import type { CompiledSchedule } from './compile.ts';
import type { ScheduleVaccine, VaccineRef } from './types.ts';

/** Evidence for the engine: a FHIR Observation, Condition or AllergyIntolerance. */
export type PatientObservation = Observation | Condition | AllergyIntolerance;

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const MVX = 'http://hl7.org/fhir/sid/mvx';

/** One completed dose, read once. */
export interface VaccineRecord {
  /** Position in the patient's history, oldest first. */
  order: number;
  imm: Immunization;
  date: string;
  day: number;
  /** The schedule vaccines it names (products before disease-level codes, `sameAs` codes last). */
  vaccines: ScheduleVaccine[];
  /** MVX code of the manufacturer, when recorded. */
  mvx: string | undefined;
  /** A dose condition that makes it sub-standard. */
  condition: 'expired' | 'sub-potent' | undefined;
}

/** One antigen of one dose (CDSi antigen administered record). */
export interface AntigenRecord {
  record: VaccineRecord;
  /** The vaccine it counts as. */
  ref: VaccineRef;
}

/** A `not-done` record. */
export interface NotDone {
  imm: Immunization;
  date: string;
  vaccines: ScheduleVaccine[];
  reason: string | undefined;
  /** `statusReason` v3 ActReason `IMMUNE` or `MEDPREC`. */
  code: 'IMMUNE' | 'MEDPREC' | undefined;
}

/** The patient's history, indexed for the engine. */
export interface History {
  records: VaccineRecord[];
  /** Antigen records per antigen id, oldest first. */
  byAntigen: Map<string, AntigenRecord[]>;
  /** Completed doses of each vaccine, oldest first. */
  byVaccine: Map<VaccineRef, VaccineRecord[]>;
  notDone: NotDone[];
  /** Completed doses that name no schedule vaccine. */
  unmatched: Immunization[];
  /** Active observations: schedule code → days observed, oldest first (NaN when undated). */
  observations: Map<string, number[]>;
}

const refOf = (v: ScheduleVaccine): VaccineRef => `${v.system}|${v.code}`;

/** `Immunization.statusReason` as text, display or code. */
export function reasonText(imm: Immunization): string | undefined {
  const r = imm.statusReason;
  return r?.text ?? r?.coding?.[0]?.display ?? r?.coding?.[0]?.code;
}

function reasonCode(imm: Immunization): NotDone['code'] {
  for (const c of imm.statusReason?.coding ?? []) {
    if (c.system && c.system !== ACT_REASON) continue;
    if (c.code === 'IMMUNE' || c.code === 'MEDPREC') return c.code;
  }
  return undefined;
}

function resolve(
  concept: CodeableConcept | undefined,
  vaccines: ReadonlyMap<VaccineRef, ScheduleVaccine>,
): ScheduleVaccine[] {
  const coding = concept?.coding;
  if (!coding?.length) return [];
  const found: ScheduleVaccine[] = [];
  for (const c of coding) {
    const v = c.code ? vaccines.get(`${c.system ?? ''}|${c.code}`) : undefined;
    if (v && !found.includes(v)) found.push(v);
  }
  // The usual record: one coding of one vaccine.
  if (found.length < 2) return found;
  const products = found.filter((v) => !v.diseaseLevel);
  // Another code for a vaccine (`sameAs`) comes after the others: a record coded both ways
  // counts once per antigen, as the first (see readHistory), so as the vaccine itself.
  return (products.length ? products : found).sort((a, b) => +!!a.sameAs - +!!b.sameAs);
}

function mvxOf(imm: Immunization): string | undefined {
  const m = imm.manufacturer;
  if (m?.identifier?.system === MVX && m.identifier.value) return m.identifier.value;
  return undefined;
}

function conditionOf(imm: Immunization, day: number): VaccineRecord['condition'] {
  if (imm.isSubpotent) return 'sub-potent';
  const exp = imm.expirationDate;
  if (!exp) return undefined;
  const d = recordedDate(exp);
  if (!d) return undefined;
  // CALCDTLOTEXP-1: a month and year only expire at the end of that month.
  const expiry = /^\d{4}-\d{2}$/.test(exp.trim()) ? endOfMonth(toDay(d)) : toDay(d);
  return day > expiry ? 'expired' : undefined;
}

function codings(concept: CodeableConcept | undefined): string[] {
  return (concept?.coding ?? []).map((c) => `${c.system ?? ''}|${c.code ?? ''}`);
}

function inactive(concept: CodeableConcept | undefined, codes: readonly string[]): boolean {
  return Boolean(concept?.coding?.some((c) => c.code && codes.includes(c.code)));
}

/** The day of an observation, and its codings; undefined when it is not active. */
function readObservation(o: PatientObservation): { day: number; keys: string[] } | undefined {
  let date: string | undefined;
  let keys: string[];
  if (o.resourceType === 'Observation') {
    if (o.status === 'entered-in-error' || o.status === 'cancelled') return undefined;
    date = o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued;
    keys = [...codings(o.code), ...codings(o.valueCodeableConcept)];
  } else {
    if (inactive(o.verificationStatus, ['refuted', 'entered-in-error'])) return undefined;
    if (inactive(o.clinicalStatus, ['inactive', 'resolved', 'remission'])) return undefined;
    date = o.onsetDateTime ?? o.onsetPeriod?.start ?? o.recordedDate;
    keys = codings(o.code);
  }
  const d = recordedDate(date);
  return { day: d ? toDay(d) : Number.NaN, keys };
}

/** Records read per step of {@link readHistory}. */
const READ_STEP = 500;

/**
 * Read the patient's records (a generator: it yields every few hundred records, so a caller can
 * spread a long record over several tasks; see `evaluateScheduleSteps`): completed doses oldest first (ties keep their input order), each
 * split into antigen records by the schedule's vaccine-to-antigen map at the patient's age;
 * `not-done` records apart; `entered-in-error` records and records without a date dropped.
 */
export function* readHistory(
  immunizations: readonly Immunization[],
  observations: readonly PatientObservation[],
  at: AgeDay,
  c: CompiledSchedule,
): Generator<undefined, History, undefined> {
  const records: VaccineRecord[] = [];
  const notDone: NotDone[] = [];
  const unmatched: Immunization[] = [];
  let read = 0;
  for (const imm of immunizations) {
    // A step per READ_STEP records (see evaluateScheduleSteps).
    if (++read % READ_STEP === 0) yield;
    if (imm.status === 'entered-in-error') continue;
    const date = recordedDate(imm.occurrenceDateTime ?? imm.occurrenceString);
    if (!date) continue;
    const vaccines = resolve(imm.vaccineCode, c.vaccineByRef);
    if (imm.status === 'not-done') {
      notDone.push({ imm, date, vaccines, reason: reasonText(imm), code: reasonCode(imm) });
      continue;
    }
    if (imm.status !== 'completed') continue;
    if (!vaccines.length) {
      unmatched.push(imm);
      continue;
    }
    const day = toDay(date);
    records.push({
      order: 0,
      imm,
      date,
      day,
      vaccines,
      mvx: mvxOf(imm),
      condition: conditionOf(imm, day),
    });
  }
  records.sort((a, b) => a.day - b.day);
  notDone.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const byAntigen = new Map<string, AntigenRecord[]>();
  const byVaccine = new Map<VaccineRef, VaccineRecord[]>();
  yield;
  for (let order = 0; order < records.length; order++) {
    if (order % READ_STEP === READ_STEP - 1) yield;
    const record = records[order]!;
    record.order = order;
    for (let i = 0; i < record.vaccines.length; i++) {
      const v = record.vaccines[i]!;
      const ref = refOf(v);
      const list = byVaccine.get(ref);
      if (list) list.push(record);
      else byVaccine.set(ref, [record]);
      for (const a of v.antigens) {
        // A record naming two vaccines of one antigen counts once, as the first.
        if (
          i > 0 &&
          record.vaccines.slice(0, i).some((w) => w.antigens.some((x) => x.antigen === a.antigen))
        )
          continue;
        const begin = at(a.beginAge);
        const end = at(a.endAge);
        if (begin !== undefined && record.day < begin) continue;
        if (end !== undefined && record.day >= end) continue;
        const same = byAntigen.get(a.antigen);
        const ar = { record, ref };
        if (same) same.push(ar);
        else byAntigen.set(a.antigen, [ar]);
      }
    }
  }

  const seenObs = new Map<string, number[]>();
  for (const o of observations) {
    const read = readObservation(o);
    if (!read) continue;
    for (const key of read.keys) {
      const code = c.observationByCoding.get(key);
      if (!code) continue;
      const days = seenObs.get(code) ?? [];
      days.push(read.day);
      seenObs.set(code, days);
    }
  }
  for (const days of seenObs.values()) days.sort((a, b) => a - b);
  return { records, byAntigen, byVaccine, notDone, unmatched, observations: seenObs };
}
