/**
 * Target-dose evaluation for one antigen series: each recorded dose against the current target
 * dose (vaccine, minimum/maximum age, minimum interval, expiry, sub-potency, live-vaccine
 * spacing, all with the grace period), and the choice of the series to follow.
 *
 * @module
 */
import { addDays, addDuration, ageOn, recordedDate } from './dates.ts';
import { codingOf, doseRefs, type Given, matches, refOf } from './records.ts';
import type { DoseInvalidReason, EvaluatedDose } from './results.ts';
import type { ImmunizationSchedule, ScheduleSeries } from './types.ts';

/** One series evaluated: its doses, the target doses skipped, and where it stands. */
export interface SeriesResult {
  series: ScheduleSeries;
  doses: EvaluatedDose[];
  skipped: number[];
  validCount: number;
  /** Index of the next target dose in `series.doses`. */
  next: number;
  /** The day of the last dose administered in the series (valid or not). */
  prev: string | undefined;
}

/** Evaluate the completed doses `given` (oldest first) against one series. */
export function evaluateSeries(
  series: ScheduleSeries,
  given: Given[],
  ctx: { birth: string; grace: number; schedule: ImmunizationSchedule; liveDates: string[] },
): SeriesResult {
  const { birth, grace, schedule } = ctx;
  const spacing = schedule.liveVaccineSpacing ?? 'P28D';
  const doses: EvaluatedDose[] = [];
  const skipped: number[] = [];
  let t = 0;
  let prev: string | undefined;
  let validCount = 0;

  for (const g of given) {
    const ageDays = ageOn(birth, g.date).totalDays;
    // Skip target doses the patient had aged out of by this date, or that this vaccine
    // supersedes (e.g. a missed birth dose once the combination series starts).
    for (;;) {
      const target = series.doses[t];
      if (!target) break;
      const aged =
        target.maximumAge !== undefined && g.date >= addDuration(birth, target.maximumAge);
      const nextTarget = series.doses[t + 1];
      const superseded =
        target.maximumAge !== undefined &&
        !matches(g, doseRefs(target)) &&
        nextTarget !== undefined &&
        matches(g, doseRefs(nextTarget)) !== undefined;
      if (!aged && !superseded) break;
      skipped.push(target.doseNumber);
      t += 1;
    }
    const target = series.doses[t];
    const anyVaccine = matches(g, series.doses.flatMap(doseRefs));
    if (!target) {
      doses.push({
        immunization: g.imm,
        date: g.date,
        ageDays,
        vaccine: codingOf(anyVaccine),
        status: 'extra',
        doseNumber: undefined,
        reasons: [],
        preferable: false,
      });
      prev = g.date;
      continue;
    }
    const matched = matches(g, doseRefs(target));
    const vaccine = matched ?? anyVaccine;
    const reasons: DoseInvalidReason[] = [];
    if (!matched) reasons.push('not-allowable');
    if (target.minimumAge && g.date < addDays(addDuration(birth, target.minimumAge), -grace))
      reasons.push('too-early');
    if (target.maximumAge && g.date >= addDuration(birth, target.maximumAge))
      reasons.push('too-late');
    if (
      prev &&
      target.minimumInterval &&
      g.date < addDays(addDuration(prev, target.minimumInterval), -grace)
    ) {
      reasons.push('too-soon');
    }
    const expiry = recordedDate(g.imm.expirationDate);
    if (expiry && expiry < g.date) reasons.push('expired');
    if (g.imm.isSubpotent) reasons.push('subpotent');
    if (vaccine?.liveParenteral) {
      const conflict = ctx.liveDates.some(
        (d) => d < g.date && g.date < addDays(addDuration(d, spacing), -grace),
      );
      if (conflict) reasons.push('live-vaccine-spacing');
    }
    const valid = reasons.length === 0;
    doses.push({
      immunization: g.imm,
      date: g.date,
      ageDays,
      vaccine: codingOf(vaccine),
      status: valid ? 'valid' : 'invalid',
      doseNumber: target.doseNumber,
      reasons,
      preferable: Boolean(matched && target.preferableVaccines.includes(refOf(matched))),
    });
    prev = g.date;
    if (valid) {
      validCount += 1;
      t += 1;
    }
  }
  return { series, doses, skipped, validCount, next: t, prev };
}

/**
 * The series to follow: a complete one before an incomplete one, then the one with more valid
 * doses (the first on a tie).
 */
export function bestSeries(results: readonly SeriesResult[]): SeriesResult | undefined {
  return results.reduce<SeriesResult | undefined>((acc, r) => {
    if (!acc) return r;
    const accDone = acc.next >= acc.series.doses.length;
    const rDone = r.next >= r.series.doses.length;
    if (rDone !== accDone) return rDone ? r : acc;
    return r.validCount > acc.validCount ? r : acc;
  }, undefined);
}
