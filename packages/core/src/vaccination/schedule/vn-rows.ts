/**
 * Vietnamese schedule rows as the CDSi model needs them. A Vietnamese legal text gives a dose's
 * age ("at 2 months"), the interval from the previous dose ("at least 1 month after") and the
 * vaccine; CDSi wants absolute minimum, minimum, recommended and latest ages and intervals. The
 * SDK's policy (ADR 0007, kept): a 4-day grace period before every minimum (as the CDC's data
 * does), and a dose is past due one month after its recommended age or interval unless the
 * source says when. Each row keeps `verified`, `source` and `note`.
 *
 * @module
 */
import { CVX_SYSTEM, VN_VACCINE_TYPE_SYSTEM, type VaccineCodeEntry } from '../codes.ts';
import { parseDuration } from './dates.ts';
import type {
  ConditionalSkip,
  DoseAge,
  ImmunizationSchedule,
  LocalizedText,
  ScheduleAntigen,
  ScheduleDose,
  ScheduleDuration,
  ScheduleVaccine,
  VaccineConflict,
  VaccineRef,
} from './types.ts';

/** A row of a Vietnamese schedule, as its sources say it. */
export interface VnDoseRow {
  doseNumber: number;
  label?: LocalizedText;
  /** A dose more than 4 days before this age does not count. */
  minimumAge?: ScheduleDuration;
  /** The age the source gives ("at 2 months"). */
  recommendedAge?: ScheduleDuration;
  /** The last on-time age when the source gives one ("within 24 hours": `P1D`). */
  latestRecommendedAge?: ScheduleDuration;
  /** A dose more than 4 days sooner than this after the previous dose does not count. */
  minimumInterval?: ScheduleDuration;
  recommendedInterval?: ScheduleDuration;
  /** From this age the target dose is skipped (when evaluating a dose given 4 days before it, and in forecasts). */
  skipFromAge?: ScheduleDuration;
  preferableVaccines: VaccineRef[];
  allowableVaccines?: VaccineRef[];
  verified: boolean;
  source: string[];
  note?: string;
}

/** CVX references. */
export const cvx = (...codes: string[]): VaccineRef[] =>
  codes.map((c): VaccineRef => `${CVX_SYSTEM}|${c}`);
/** Community `vn-vaccine-type-cs` references. */
export const vn = (...codes: string[]): VaccineRef[] =>
  codes.map((c): VaccineRef => `${VN_VACCINE_TYPE_SYSTEM}|${c}`);

/** `d` plus or minus whole months or days (`P2M` − 4 days = `P2M-4D`). */
function shift(d: ScheduleDuration, months: number, days: number): ScheduleDuration {
  const p = parseDuration(d);
  const m = p.months + months;
  const dd = p.days + days;
  const out = `${p.years ? `${p.years}Y` : ''}${m ? `${m}M` : ''}${dd ? `${dd}D` : ''}`;
  return `P${out || '0D'}`;
}

/** The 4-day grace period before a minimum (never before birth). */
const grace = (d: ScheduleDuration): ScheduleDuration =>
  parseDuration(d).years || parseDuration(d).months || parseDuration(d).days > 4
    ? shift(d, 0, -4)
    : 'P0D';

function ageSkip(
  context: 'evaluation' | 'forecast',
  beginAge: ScheduleDuration,
  description: string,
): ConditionalSkip {
  return {
    context,
    logic: 'or',
    sets: [{ id: '1', description, logic: 'and', conditions: [{ type: 'age', beginAge }] }],
  };
}

/** A Vietnamese row as a CDSi series dose. */
export function vnDose(row: VnDoseRow): ScheduleDose {
  const age: DoseAge = {};
  if (row.minimumAge) {
    age.absoluteMinimumAge = grace(row.minimumAge);
    age.minimumAge = row.minimumAge;
  }
  if (row.recommendedAge) age.earliestRecommendedAge = row.recommendedAge;
  // Overdue from the day after the last on-time age; else one month after the recommended age
  // (doses timed from the previous dose are past due one month after their interval instead).
  if (row.latestRecommendedAge) age.latestRecommendedAge = shift(row.latestRecommendedAge, 0, 1);
  else if (row.recommendedAge && !row.minimumInterval)
    age.latestRecommendedAge = shift(row.recommendedAge, 1, 0);
  const interval = row.minimumInterval
    ? [
        {
          from: 'previous' as const,
          absoluteMinimumInterval: grace(row.minimumInterval),
          minimumInterval: row.minimumInterval,
          ...(row.recommendedInterval
            ? {
                earliestRecommendedInterval: row.recommendedInterval,
                latestRecommendedInterval: shift(row.recommendedInterval, 1, 0),
              }
            : {}),
        },
      ]
    : undefined;
  return {
    doseNumber: row.doseNumber,
    ...(row.label ? { label: row.label } : {}),
    ages: Object.keys(age).length ? [age] : [],
    ...(interval ? { intervals: interval } : {}),
    preferableVaccines: row.preferableVaccines.map((vaccine) => ({ vaccine, forecast: true })),
    ...(row.allowableVaccines
      ? { allowableVaccines: row.allowableVaccines.map((vaccine) => ({ vaccine })) }
      : {}),
    ...(row.skipFromAge
      ? {
          conditionalSkips: [
            ageSkip(
              'evaluation',
              grace(row.skipFromAge),
              'Not needed once given from this age (4-day grace).',
            ),
            ageSkip('forecast', row.skipFromAge, 'Not forecast from this age.'),
          ],
        }
      : {}),
    verified: row.verified,
    source: row.source,
    ...(row.note ? { note: row.note } : {}),
  };
}

/**
 * Live injected vaccine conflicts for the CVX codes given, with the CDC's CDSi 4.64 values: a
 * measles/mumps/rubella vaccine after another, or varicella after varicella, conflicts from
 * day 1 to day 24 after a valid dose (28 after any other); any other pair to day 28.
 */
export function liveConflicts(codes: readonly string[]): VaccineConflict[] {
  const mmrFamily = new Set(['03', '04', '05', '06', '07', '38']);
  const out: VaccineConflict[] = [];
  for (const previous of codes)
    for (const current of codes) {
      const short =
        (mmrFamily.has(previous) && mmrFamily.has(current)) ||
        (previous === '21' && current === '21');
      out.push({
        previous: `${CVX_SYSTEM}|${previous}`,
        current: `${CVX_SYSTEM}|${current}`,
        beginInterval: 'P1D',
        minimumEndInterval: short ? 'P24D' : 'P28D',
        endInterval: 'P28D',
      });
    }
  return out;
}

/** An antigen of a Vietnamese schedule as its sources describe it: its series of rows. */
export interface VnAntigenRow {
  id: string;
  name: LocalizedText;
  /** Target disease ids (`VaccineDisease`). */
  diseases: string[];
  series: { id: string; name: LocalizedText; doses: VnDoseRow[] }[];
}

const refOf = (v: { system: string; code: string }): VaccineRef => `${v.system}|${v.code}`;

/**
 * The vaccines, antigens and vaccine groups of a Vietnamese schedule: one antigen and one
 * vaccine group per row (same id and name), one default standard series each, and each known
 * vaccine code counting for the antigens whose rows list it.
 */
export function vnSchedule(
  rows: readonly VnAntigenRow[],
  codes: readonly VaccineCodeEntry[],
): Pick<ImmunizationSchedule, 'vaccines' | 'antigens' | 'vaccineGroups'> {
  const vaccines = codes.map((e): ScheduleVaccine => {
    const ref = refOf(e);
    const used = rows.filter((a) =>
      a.series.some((s) =>
        s.doses.some(
          (d) => d.preferableVaccines.includes(ref) || d.allowableVaccines?.includes(ref),
        ),
      ),
    );
    return {
      system: e.system,
      code: e.code,
      display: e.display,
      antigens: used.map((a) => ({ antigen: a.id })),
      ...(e.diseaseLevel ? { diseaseLevel: true } : {}),
      ...(e.verified === false ? { verified: false } : {}),
      ...(e.note ? { note: e.note } : {}),
    };
  });
  const antigens = rows.map((row): ScheduleAntigen => ({
    id: row.id,
    name: row.name,
    series: row.series.map((s) => ({
      id: s.id,
      name: s.name,
      type: 'standard',
      vaccineGroup: row.id,
      group: '1',
      default: true,
      doses: s.doses.map(vnDose),
    })),
  }));
  return {
    vaccines,
    antigens,
    vaccineGroups: rows.map((r) => ({ id: r.id, name: r.name, antigens: [r.id] })),
  };
}
