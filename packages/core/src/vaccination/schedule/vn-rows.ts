/**
 * Vietnamese schedule rows as the CDSi model needs them. A Vietnamese legal text gives a dose's
 * age ("at 2 months"), the interval from the previous dose ("at least 1 month after") and the
 * vaccine; CDSi wants absolute minimum, minimum, recommended and latest ages and intervals. The
 * SDK's policy (ADR 0007, kept): a 4-day grace period before every minimum (as the CDC's data
 * does), and a dose is past due one month after its recommended age or interval unless the
 * source says when (a row with `pastDue: false` is never past due: the adult and pregnancy
 * sources give no deadline). Each row keeps `verified`, `source` and `note`.
 *
 * @module
 */
import {
  CVX_SYSTEM,
  vaccineCodes,
  VN_VACCINE_TYPE_SYSTEM,
  type VaccineCodeEntry,
} from '../codes.ts';
import { parseDuration } from './dates.ts';
import type {
  ConditionalSkip,
  DoseAge,
  DoseVaccine,
  ImmunizationSchedule,
  LocalizedText,
  ScheduleAntigen,
  ScheduleDose,
  ScheduleDuration,
  ScheduleSeries,
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
  /** Overrides the 4-day grace: sooner than this after the previous dose does not count. */
  absoluteMinimumInterval?: ScheduleDuration;
  recommendedInterval?: ScheduleDuration;
  /** From this age the target dose is skipped (when evaluating a dose given 4 days before it, and in forecasts). */
  skipFromAge?: ScheduleDuration;
  /** From this age the dose is no longer given: a later dose is extraneous, the series aged out. */
  maximumAge?: ScheduleDuration;
  /** `false`: no past-due date (the source gives no deadline). */
  pastDue?: false;
  /** `false`: never forecast (a skip at every age when forecasting); recorded doses still count. */
  forecast?: false;
  /** Once given, the dose comes again after `recommendedInterval` (yearly, every 10 years). */
  recurring?: true;
  /** The interval is measured from the patient's most recent observation with this code. */
  intervalFromObservation?: string;
  preferableVaccines: VaccineRef[];
  allowableVaccines?: VaccineRef[];
  /** Vaccines of the antigen that never count for this dose (inadvertent administration). */
  inadvertentVaccines?: VaccineRef[];
  verified: boolean;
  source: string[];
  note?: string;
}

const refOf = (v: { system: string; code: string }): VaccineRef => `${v.system}|${v.code}`;

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
  context: 'evaluation' | 'forecast' | 'both',
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
  const late = row.pastDue !== false;
  // Overdue from the day after the last on-time age; else one month after the recommended age
  // (doses timed from the previous dose are past due one month after their interval instead).
  if (row.latestRecommendedAge) age.latestRecommendedAge = shift(row.latestRecommendedAge, 0, 1);
  else if (late && row.recommendedAge && !row.minimumInterval)
    age.latestRecommendedAge = shift(row.recommendedAge, 1, 0);
  if (row.maximumAge) age.maximumAge = row.maximumAge;
  const from = row.intervalFromObservation
    ? { observation: row.intervalFromObservation }
    : ('previous' as const);
  const interval = row.minimumInterval
    ? [
        {
          from,
          absoluteMinimumInterval: row.absoluteMinimumInterval ?? grace(row.minimumInterval),
          minimumInterval: row.minimumInterval,
          ...(row.recommendedInterval
            ? {
                earliestRecommendedInterval: row.recommendedInterval,
                ...(late
                  ? { latestRecommendedInterval: shift(row.recommendedInterval, 1, 0) }
                  : {}),
              }
            : {}),
        },
      ]
    : undefined;
  const skips = [
    ...(row.skipFromAge
      ? [
          ageSkip(
            'evaluation',
            grace(row.skipFromAge),
            'Not needed once given from this age (4-day grace).',
          ),
          ageSkip('forecast', row.skipFromAge, 'Not forecast from this age.'),
        ]
      : []),
    ...(row.forecast === false
      ? [ageSkip('forecast', 'P0D', 'Recorded doses only: nothing is forecast.')]
      : []),
  ];
  return {
    doseNumber: row.doseNumber,
    ...(row.label ? { label: row.label } : {}),
    ages: Object.keys(age).length ? [age] : [],
    ...(interval ? { intervals: interval } : {}),
    preferableVaccines: row.preferableVaccines.map((vaccine) => ({ vaccine, forecast: true })),
    ...(row.allowableVaccines
      ? { allowableVaccines: row.allowableVaccines.map((vaccine) => ({ vaccine })) }
      : {}),
    ...(row.inadvertentVaccines ? { inadvertentVaccines: row.inadvertentVaccines } : {}),
    ...(skips.length ? { conditionalSkips: skips } : {}),
    ...(row.recurring ? { recurring: true } : {}),
    verified: row.verified,
    source: row.source,
    ...(row.note ? { note: row.note } : {}),
  };
}

/**
 * The policy for codes with `sameAs` (ATC codes): each vaccine reference → the codes of `codes`
 * that count as it. {@link vnSchedule} lists them wherever it is listed and
 * {@link liveConflicts} gives them its conflicts, so an ATC-coded dose evaluates as the CVX one.
 */
function aliasesOf(codes: readonly VaccineCodeEntry[]): Map<VaccineRef, VaccineRef[]> {
  const out = new Map<VaccineRef, VaccineRef[]>();
  for (const e of codes)
    for (const ref of e.sameAs ?? []) out.set(ref, [...(out.get(ref) ?? []), refOf(e)]);
  return out;
}

/**
 * Live injected vaccine conflicts for the CVX codes given, with the CDC's CDSi 4.64 values: a
 * measles/mumps/rubella vaccine after another, or varicella after varicella, conflicts from
 * day 1 to day 24 after a valid dose (28 after any other); any other pair to day 28. Codes of
 * `entries` with one of them in `sameAs` (ATC) conflict as it does.
 *
 * @param codes - CVX codes of live injected vaccines.
 * @param entries - The code table the ATC equivalents come from (default: `vaccineCodes`).
 */
export function liveConflicts(
  codes: readonly string[],
  entries: readonly VaccineCodeEntry[] = vaccineCodes,
): VaccineConflict[] {
  const mmrFamily = new Set(['03', '04', '05', '06', '07', '38']);
  const aliases = aliasesOf(entries);
  const refs = (code: string): VaccineRef[] => {
    const ref: VaccineRef = `${CVX_SYSTEM}|${code}`;
    return [ref, ...(aliases.get(ref) ?? [])];
  };
  const out: VaccineConflict[] = [];
  for (const previous of codes)
    for (const current of codes) {
      const short =
        (mmrFamily.has(previous) && mmrFamily.has(current)) ||
        (previous === '21' && current === '21');
      for (const p of refs(previous))
        for (const c of refs(current))
          out.push({
            previous: p,
            current: c,
            beginInterval: 'P1D',
            minimumEndInterval: short ? 'P24D' : 'P28D',
            endInterval: 'P28D',
          });
    }
  return out;
}

/** One series of a Vietnamese antigen: its rows and, when it is not the default, how it is chosen. */
export interface VnSeriesRow extends Partial<
  Pick<
    ScheduleSeries,
    'type' | 'group' | 'equivalentGroups' | 'minAgeToStart' | 'maxAgeToStart' | 'indications'
  >
> {
  id: string;
  name: LocalizedText;
  doses: VnDoseRow[];
}

/** An antigen of a Vietnamese schedule as its sources describe it: its series of rows. */
export interface VnAntigenRow {
  id: string;
  name: LocalizedText;
  /** Target disease ids (`VaccineDisease`). */
  diseases: string[];
  /** Doses given before this age do not count for the antigen (the vaccine's association). */
  countsFromAge?: ScheduleDuration;
  series: VnSeriesRow[];
}

/**
 * A dose with each vaccine's aliases (codes whose `sameAs` names it) in the same list, with the
 * same ages; never forecast (the forecast names the vaccine itself). A code in several lists
 * through several equivalents is in the first: preferable, allowable, inadvertent.
 */
function withAliases(dose: ScheduleDose, aliases: Map<VaccineRef, VaccineRef[]>): ScheduleDose {
  const seen = new Set<VaccineRef>();
  const add = (list?: DoseVaccine[]) => {
    if (!list) return undefined;
    for (const v of list) seen.add(v.vaccine);
    const more = list.flatMap(({ forecast: _forecast, ...v }) =>
      (aliases.get(v.vaccine) ?? []).map((vaccine) => ({ ...v, vaccine })),
    );
    return [...list, ...more.filter((v) => !seen.has(v.vaccine) && !!seen.add(v.vaccine))];
  };
  const out = { ...dose, preferableVaccines: add(dose.preferableVaccines)! };
  const allowable = add(dose.allowableVaccines);
  if (allowable) out.allowableVaccines = allowable;
  const inadvertent = add(dose.inadvertentVaccines?.map((vaccine) => ({ vaccine })));
  if (inadvertent) out.inadvertentVaccines = inadvertent.map((v) => v.vaccine);
  return out;
}

/**
 * The vaccines, antigens and vaccine groups of a Vietnamese schedule: one antigen and one
 * vaccine group per row (same id and name), its series (standard, series group `1` and default
 * unless the row says otherwise), and each known vaccine code, with its names, counting for the
 * antigens whose rows list it. A code with `sameAs` (ATC) is in every dose list its equivalents
 * are in, so a dose coded ATC only evaluates as the CVX-coded one.
 */
export function vnSchedule(
  rows: readonly VnAntigenRow[],
  codes: readonly VaccineCodeEntry[],
): Pick<ImmunizationSchedule, 'vaccines' | 'antigens' | 'vaccineGroups'> {
  const aliases = aliasesOf(codes);
  const antigens = rows.map((row): ScheduleAntigen => ({
    id: row.id,
    name: row.name,
    series: row.series.map(({ doses, ...s }) => ({
      type: 'standard',
      group: '1',
      default: true,
      ...s,
      vaccineGroup: row.id,
      doses: doses.map((d) => withAliases(vnDose(d), aliases)),
    })),
  }));
  // The vaccines each antigen's doses list.
  const listed = antigens.map(
    (a) =>
      new Set(
        a.series.flatMap((s) =>
          s.doses.flatMap((d) => [
            ...d.preferableVaccines.map((v) => v.vaccine),
            ...(d.allowableVaccines ?? []).map((v) => v.vaccine),
            ...(d.inadvertentVaccines ?? []),
          ]),
        ),
      ),
  );
  const vaccines = codes.map((e): ScheduleVaccine => {
    const ref = refOf(e);
    const used = rows.filter((_, i) => listed[i]!.has(ref));
    return {
      system: e.system,
      code: e.code,
      display: e.display,
      name: e.name,
      antigens: used.map((a) => ({
        antigen: a.id,
        ...(a.countsFromAge ? { beginAge: a.countsFromAge } : {}),
      })),
      ...(e.diseaseLevel ? { diseaseLevel: true } : {}),
      ...(e.sameAs ? { sameAs: e.sameAs } : {}),
      ...(e.verified === false ? { verified: false } : {}),
      ...(e.note ? { note: e.note } : {}),
    };
  });
  return {
    vaccines,
    antigens,
    vaccineGroups: rows.map((r) => ({ id: r.id, name: r.name, antigens: [r.id] })),
  };
}

/**
 * An antigen Vietnam has no schedule for at this age (or none found): its recorded doses are
 * evaluated (any age, any interval: each counts), nothing is forecast. CDSi terms: an
 * evaluation-only series of one recurring dose, skipped in every forecast; the vaccine group is
 * `complete` once a dose counts, and absent from the forecasts without one.
 */
export function historyOnly(
  id: string,
  name: LocalizedText,
  diseases: string[],
  vaccines: VaccineRef[],
  note: string,
  source: string[],
): VnAntigenRow {
  return {
    id,
    name,
    diseases,
    series: [
      {
        id: `${id}-history`,
        name: { vi: 'Chỉ ghi nhận mũi đã tiêm', en: 'Recorded doses only' },
        type: 'evaluation-only',
        doses: [
          {
            doseNumber: 1,
            preferableVaccines: vaccines,
            recurring: true,
            forecast: false,
            verified: false,
            source,
            note,
          },
        ],
      },
    ],
  };
}
