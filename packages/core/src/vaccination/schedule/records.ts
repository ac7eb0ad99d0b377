/**
 * The patient's recorded Immunizations as the engine reads them: the day given, the schedule
 * vaccines their codings name, and `not-done` status reasons.
 *
 * @module
 */
import type { Coding, Immunization } from '../../fhir/index.ts';
import { recordedDate } from './dates.ts';
import type { ScheduleDose, ScheduleVaccine, VaccineRef } from './types.ts';

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/** A recorded dose with the day it was given and the schedule vaccines it matches. */
export interface Given {
  imm: Immunization;
  date: string;
  vaccines: ScheduleVaccine[];
}

/** The `system|code` key a schedule uses for a vaccine. */
export function refOf(v: { system: string; code: string }): VaccineRef {
  return `${v.system}|${v.code}`;
}

/** The day a dose was given, as recorded (its own offset, not converted to Vietnam time). */
function dateOf(imm: Immunization): string | undefined {
  return recordedDate(imm.occurrenceDateTime ?? imm.occurrenceString);
}

/** The vaccines that count for a target dose: preferable, then allowable. */
export function doseRefs(dose: ScheduleDose): VaccineRef[] {
  return [...dose.preferableVaccines, ...(dose.allowableVaccines ?? [])];
}

/** The vaccine of `given` that is one of `refs`, if any. */
export function matches(given: Given, refs: readonly VaccineRef[]): ScheduleVaccine | undefined {
  return given.vaccines.find((v) => refs.includes(refOf(v)));
}

/** The coding an evaluated dose reports for a schedule vaccine. */
export function codingOf(v: ScheduleVaccine | undefined): Coding | undefined {
  return v && { system: v.system, code: v.code, display: v.display };
}

/** `Immunization.statusReason` as text, display or code. */
export function reasonText(imm: Immunization): string | undefined {
  const r = imm.statusReason;
  return r?.text ?? r?.coding?.[0]?.display ?? r?.coding?.[0]?.code;
}

/** True when `statusReason` carries the v3 ActReason `code` (e.g. `MEDPREC`, `IMMUNE`). */
export function hasReason(imm: Immunization, code: string): boolean {
  return Boolean(
    imm.statusReason?.coding?.some(
      (c) => c.code === code && (!c.system || c.system === ACT_REASON),
    ),
  );
}

/** Orders doses by date, oldest first. */
export const byDate = (a: { date: string }, b: { date: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;

/**
 * Split the records into completed and not-done doses, oldest first, each with the schedule
 * vaccines its codings name (the products when any are named, else the disease-level codes).
 * `entered-in-error` records and records without a date are dropped.
 */
export function readRecords(
  immunizations: readonly Immunization[],
  vaccinesByRef: ReadonlyMap<VaccineRef, ScheduleVaccine>,
): { completed: Given[]; notDone: Given[] } {
  const resolve = (imm: Immunization): ScheduleVaccine[] => {
    const found = (imm.vaccineCode?.coding ?? [])
      .map((c) => vaccinesByRef.get(`${c.system ?? ''}|${c.code ?? ''}`))
      .filter((v): v is ScheduleVaccine => v !== undefined);
    const products = found.filter((v) => !v.diseaseLevel);
    return products.length ? products : found;
  };

  const completed: Given[] = [];
  const notDone: Given[] = [];
  for (const imm of immunizations) {
    if (imm.status === 'entered-in-error') continue;
    const date = dateOf(imm);
    if (!date) continue;
    const g = { imm, date, vaccines: resolve(imm) };
    if (imm.status === 'not-done') notDone.push(g);
    else if (imm.status === 'completed') completed.push(g);
  }
  completed.sort(byDate);
  notDone.sort(byDate);
  return { completed, notDone };
}
