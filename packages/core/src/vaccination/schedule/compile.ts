/**
 * A schedule compiled once for the engine (cached per schedule object): vaccines, antigens and
 * groups by id, each series dose's vaccines by reference, conflicts by impacted vaccine,
 * observation codings by code. Durations are parsed here, never while evaluating.
 *
 * @internal
 * @module
 */
import { parseDuration, type DurationParts } from './dates.ts';
import type {
  DoseVaccine,
  ImmunizationSchedule,
  ScheduleAntigen,
  ScheduleDose,
  ScheduleDuration,
  ScheduleSeries,
  ScheduleVaccine,
  ScheduleVaccineGroup,
  VaccineRef,
} from './types.ts';

/** The CDSi observation code system the engine accepts besides a schedule's own codings. */
export const CDSI_OBSERVATION_SYSTEM = 'https://fhir.vnhealth.dev/CodeSystem/cdsi-observation';

/** A duration parsed, or undefined. */
export const dur = (d: ScheduleDuration | undefined): DurationParts | undefined =>
  d === undefined ? undefined : parseDuration(d);

/** A series dose with its vaccines indexed by reference. */
export interface CompiledDose {
  dose: ScheduleDose;
  /** Position in the series (0-based). */
  index: number;
  preferable: Map<VaccineRef, DoseVaccine[]>;
  allowable: Map<VaccineRef, DoseVaccine[]>;
  inadvertent: Set<VaccineRef>;
}

/** A series with its doses compiled. */
export interface CompiledSeries {
  series: ScheduleSeries;
  antigen: string;
  doses: CompiledDose[];
  /** Any dose has a "completed series" skip condition (needs a second evaluation pass). */
  needsSeriesStatus: boolean;
}

/** A vaccine conflict with its intervals parsed. */
export interface CompiledConflict {
  previous: VaccineRef;
  begin: DurationParts;
  minEnd: DurationParts;
  end: DurationParts;
}

/** Everything the engine looks up, once per schedule. */
export interface CompiledSchedule {
  schedule: ImmunizationSchedule;
  vaccineByRef: Map<VaccineRef, ScheduleVaccine>;
  antigens: { antigen: ScheduleAntigen; series: CompiledSeries[] }[];
  groupById: Map<string, ScheduleVaccineGroup>;
  /** Vaccine group of each antigen. */
  groupOfAntigen: Map<string, string>;
  /** Conflicts by the impacted (current) vaccine. */
  conflictsByCurrent: Map<VaccineRef, CompiledConflict[]>;
  /** Schedule observation code by `system|code` of a coding that names it. */
  observationByCoding: Map<string, string>;
}

const refOf = (v: { system: string; code: string }): VaccineRef => `${v.system}|${v.code}`;

function byRef(list: readonly DoseVaccine[] | undefined): Map<VaccineRef, DoseVaccine[]> {
  const map = new Map<VaccineRef, DoseVaccine[]>();
  for (const v of list ?? []) {
    const at = map.get(v.vaccine);
    if (at) at.push(v);
    else map.set(v.vaccine, [v]);
  }
  return map;
}

function compileSeries(series: ScheduleSeries, antigen: string): CompiledSeries {
  let needsSeriesStatus = false;
  const doses = series.doses.map((dose, index): CompiledDose => {
    for (const skip of dose.conditionalSkips ?? [])
      for (const set of skip.sets)
        for (const c of set.conditions) {
          if (c.type === 'completed-series') needsSeriesStatus = true;
          for (const d of [c.beginAge, c.endAge, c.interval]) dur(d);
        }
    for (const a of dose.ages) for (const d of Object.values(a)) if (/^P/.test(String(d))) dur(d);
    return {
      dose,
      index,
      preferable: byRef(dose.preferableVaccines),
      allowable: byRef(dose.allowableVaccines),
      inadvertent: new Set(dose.inadvertentVaccines ?? []),
    };
  });
  return { series, antigen, doses, needsSeriesStatus };
}

function compile(schedule: ImmunizationSchedule): CompiledSchedule {
  const groupOfAntigen = new Map<string, string>();
  for (const g of schedule.vaccineGroups) for (const a of g.antigens) groupOfAntigen.set(a, g.id);
  const conflictsByCurrent = new Map<VaccineRef, CompiledConflict[]>();
  for (const c of schedule.conflicts ?? []) {
    const list = conflictsByCurrent.get(c.current) ?? [];
    list.push({
      previous: c.previous,
      begin: parseDuration(c.beginInterval),
      minEnd: parseDuration(c.minimumEndInterval),
      end: parseDuration(c.endInterval),
    });
    conflictsByCurrent.set(c.current, list);
  }
  const observationByCoding = new Map<string, string>();
  for (const o of schedule.observations ?? []) {
    observationByCoding.set(`${CDSI_OBSERVATION_SYSTEM}|${o.code}`, o.code);
    for (const c of o.codings ?? []) observationByCoding.set(`${c.system}|${c.code}`, o.code);
  }
  return {
    schedule,
    vaccineByRef: new Map(schedule.vaccines.map((v) => [refOf(v), v])),
    antigens: schedule.antigens.map((antigen) => ({
      antigen,
      series: antigen.series.map((s) => compileSeries(s, antigen.id)),
    })),
    groupById: new Map(schedule.vaccineGroups.map((g) => [g.id, g])),
    groupOfAntigen,
    conflictsByCurrent,
    observationByCoding,
  };
}

const cache = new WeakMap<ImmunizationSchedule, CompiledSchedule>();

/** The compiled form of a schedule (compiled on first use, then cached). */
export function compiled(schedule: ImmunizationSchedule): CompiledSchedule {
  let c = cache.get(schedule);
  if (!c) {
    c = compile(schedule);
    cache.set(schedule, c);
  }
  return c;
}
