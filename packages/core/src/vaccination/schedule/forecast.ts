/**
 * The forecast of a series: the earliest, recommended and past-due dates of each dose still to
 * give, and its status on `asOf`.
 *
 * @module
 */
import { addDays, addDuration, maxDate } from './dates.ts';
import type { DoseDueStatus, DoseForecast } from './results.ts';
import type { ImmunizationSchedule, ScheduleDose, ScheduleVaccine, VaccineRef } from './types.ts';

/** What a forecast is dated from. */
interface ForecastContext {
  birth: string;
  /** The day the previous dose was (or is assumed) given. */
  prev: string | undefined;
  /** The last live injected vaccine given on or before `asOf`. */
  lastLive: string | undefined;
  asOf: string;
  schedule: ImmunizationSchedule;
}

function forecastDose(
  dose: ScheduleDose,
  ctx: ForecastContext & { liveDose: boolean; projected: boolean },
): DoseForecast {
  const { birth, prev, schedule } = ctx;
  let earliest = maxDate(
    dose.minimumAge ? addDuration(birth, dose.minimumAge) : undefined,
    prev && dose.minimumInterval ? addDuration(prev, dose.minimumInterval) : undefined,
  );
  earliest ??= prev ?? birth;
  if (ctx.liveDose && ctx.lastLive) {
    earliest = maxDate(earliest, addDuration(ctx.lastLive, schedule.liveVaccineSpacing ?? 'P28D'))!;
  }
  const recommended =
    maxDate(
      maxDate(
        dose.recommendedAge ? addDuration(birth, dose.recommendedAge) : undefined,
        prev && dose.recommendedInterval ? addDuration(prev, dose.recommendedInterval) : undefined,
      ),
      earliest,
    ) ?? earliest;
  const pastDueRaw = dose.latestRecommendedAge
    ? addDays(addDuration(birth, dose.latestRecommendedAge), 1)
    : addDuration(recommended, schedule.pastDueAfter ?? 'P1M');
  const pastDue = maxDate(pastDueRaw, recommended)!;
  const status: DoseDueStatus =
    ctx.asOf >= pastDue ? 'overdue' : ctx.asOf >= recommended ? 'due' : 'upcoming';
  return {
    doseNumber: dose.doseNumber,
    label: dose.label,
    earliestDate: earliest,
    recommendedDate: recommended,
    pastDueDate: pastDue,
    latestDate: dose.maximumAge ? addDuration(birth, dose.maximumAge) : undefined,
    status,
    projected: ctx.projected,
    recommendedAge: dose.recommendedAge,
    preferableVaccines: dose.preferableVaccines,
    verified: dose.verified,
    source: dose.source,
  };
}

/**
 * Forecast the doses of `doses` from index `next` on: the next dose from the last one given
 * (`prev`), the ones after it projected as if each were given when recommended (or on `asOf`
 * when the next one is late). Doses the patient would be too old for are left out.
 */
export function forecastSeries(
  doses: readonly ScheduleDose[],
  next: number,
  ctx: ForecastContext & { vaccinesByRef: ReadonlyMap<VaccineRef, ScheduleVaccine> },
): DoseForecast[] {
  const { birth, lastLive, asOf, schedule, vaccinesByRef } = ctx;
  const remaining: DoseForecast[] = [];
  let prev = ctx.prev;
  for (let k = next; k < doses.length; k++) {
    const dose = doses[k]!;
    const live = dose.preferableVaccines.some((r) => vaccinesByRef.get(r)?.liveParenteral);
    const f = forecastDose(dose, {
      birth,
      prev,
      lastLive,
      asOf,
      schedule,
      liveDose: live,
      projected: k > next,
    });
    // A projected dose is assumed given on its recommended date, or today when late.
    if (f.latestDate && f.recommendedDate >= f.latestDate) continue;
    remaining.push(f);
    prev = k === next && f.recommendedDate < asOf ? asOf : f.recommendedDate;
  }
  return remaining;
}
