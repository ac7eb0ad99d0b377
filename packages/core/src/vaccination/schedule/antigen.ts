/**
 * One antigen end to end (CDSi §4.3–4.5): evaluate and forecast every relevant series (twice
 * when a skip depends on another series being complete), select the best, report its doses and
 * forecast, and project the doses after the next one as if each were given on time.
 *
 * @internal
 * @module
 */
import type { Immunization } from '../../fhir/index.ts';
import { fromDay } from './dates.ts';
import type { CompiledSeries } from './compile.ts';
import { ageOf, type EngineContext, type SeriesRun } from './evaluation.ts';
import { copyRun, evaluateNext, evaluateSeries } from './series.ts';
import { forecastSeries, type Evidence, type SeriesForecast } from './forecast.ts';
import type { VaccineRecord } from './records.ts';
import type {
  AntigenEvaluation,
  DoseDueStatus,
  DoseEvaluation,
  DoseForecast,
  ForecastStatus,
} from './results.ts';
import { selectBest, type Candidate } from './select.ts';
import type { ScheduleAntigen, VaccineRef } from './types.ts';

/** The stand-in Immunization of a projected dose (never output). */
const PROJECTED: Immunization = {
  resourceType: 'Immunization',
  status: 'completed',
  vaccineCode: {},
  patient: {},
  occurrenceString: 'projected',
};

const LEAD: ForecastStatus[] = [
  'not-complete',
  'complete',
  'immune',
  'contraindicated',
  'not-recommended',
  'aged-out',
];

/** Upcoming before the recommended date, due from it, overdue after the past-due date. */
export function dueOn(
  asOfDay: number,
  recommended: number,
  pastDue: number | undefined,
): DoseDueStatus {
  if (asOfDay < recommended) return 'upcoming';
  return pastDue !== undefined && asOfDay > pastDue ? 'overdue' : 'due';
}

function toForecast(f: SeriesForecast, ctx: EngineContext, projected: boolean): DoseForecast {
  const dose = f.target!.cd.dose;
  const age = ageOf(f.target!.cd, ctx.asOfDay);
  return {
    doseNumber: f.doseNumber!,
    targetDose: dose.doseNumber,
    earliestDate: fromDay(f.earliest!),
    recommendedDate: fromDay(f.recommended!),
    ...(f.pastDue !== undefined
      ? { pastDueDate: fromDay(f.pastDue), overdueDate: fromDay(f.pastDue + 1) }
      : {}),
    ...(f.latest !== undefined ? { latestDate: fromDay(f.latest) } : {}),
    due: dueOn(ctx.asOfDay, f.recommended!, f.pastDue),
    projected,
    ...(dose.label ? { label: dose.label } : {}),
    ...(age?.earliestRecommendedAge ? { recommendedAge: age.earliestRecommendedAge } : {}),
    recommendedVaccines: f.recommendedVaccines.length
      ? f.recommendedVaccines
      : dose.preferableVaccines.map((v) => v.vaccine),
    verified: dose.verified !== false,
    source: dose.source ?? [],
  };
}

/** The first preferable vaccine that counts on `day` (for a projected dose). */
function projectedVaccine(
  f: SeriesForecast,
  ctx: EngineContext,
  day: number,
): VaccineRef | undefined {
  const list = f.target!.cd.dose.preferableVaccines;
  const fits = list.find((v) => {
    const b = ctx.at(v.beginAge);
    const e = ctx.at(v.endAge);
    return (b === undefined || day >= b) && (e === undefined || day < e);
  });
  return (fits ?? list[0])?.vaccine;
}

/** The forecasts after the next one, each dated as if the one before were given on time. */
function project(best: Candidate, ctx: EngineContext, evidence: Evidence): SeriesForecast[] {
  const out: SeriesForecast[] = [];
  const run = copyRun(best.run);
  let f = best.forecast;
  let asOf = ctx.asOfDay;
  let last = run.next;
  const limit = Math.min(12, run.targets.length - run.next);
  for (let k = 0; k < limit; k++) {
    const day = Math.max(f.recommended!, asOf);
    const ref = projectedVaccine(f, ctx, day);
    const vaccine = ref && ctx.c.vaccineByRef.get(ref);
    if (!ref || !vaccine) break;
    const record: VaccineRecord = {
      order: Number.MAX_SAFE_INTEGER - limit + k,
      imm: PROJECTED,
      date: fromDay(day),
      day,
      vaccines: [vaccine],
      mvx: undefined,
      condition: undefined,
    };
    const pctx = { ...ctx, asOfDay: day };
    evaluateNext(run, pctx, { record, ref });
    f = forecastSeries(run, pctx, evidence);
    if (f.status !== 'not-complete' || run.next <= last) break;
    if (f.target!.cd.dose.recurring && f.target!.cd === best.forecast.target?.cd && k > 0) break;
    last = run.next;
    asOf = day;
    out.push(f);
  }
  return out;
}

function doseEvaluations(
  run: SeriesRun,
  antigen: string,
  vaccineGroup: string,
  birthDay: number,
): DoseEvaluation[] {
  return run.evals.map((e) => ({
    immunizationId: e.ar.record.imm.id,
    immunization: e.ar.record.imm,
    antigen,
    vaccineGroup,
    seriesId: run.cs.series.id,
    targetDose: e.target?.cd.dose.doseNumber,
    status: e.status,
    reasons: e.reasons,
    date: e.ar.record.date,
    ageDays: e.ar.record.day - birthDay,
    vaccine: e.ar.ref,
    preferable: e.preferable,
  }));
}

/** An antigen's result and the forecast behind it (day numbers, for the vaccine group rules). */
export interface AntigenOutcome {
  evaluation: AntigenEvaluation;
  forecast: SeriesForecast;
  /** Doses in the chosen series. */
  seriesLength: number;
}

/** Evaluate, forecast and select for one antigen; undefined when no series is relevant. */
export function evaluateAntigen(
  antigen: ScheduleAntigen,
  relevant: CompiledSeries[],
  ctx: EngineContext,
  evidence: Evidence,
): AntigenOutcome | undefined {
  if (!relevant.length) return undefined;
  const records = ctx.history.byAntigen.get(antigen.id) ?? [];
  const recordList = records.map((ar) => ar.record);
  const none = new Set<string>();
  let candidates: Candidate[] = relevant.map((cs) => {
    const run = evaluateSeries(cs, records, ctx, none, recordList);
    return { run, forecast: forecastSeries(run, ctx, evidence) };
  });
  if (relevant.some((cs) => cs.needsSeriesStatus)) {
    const complete = new Set(
      candidates.filter((c) => c.forecast.status === 'complete').map((c) => c.run.cs.series.group),
    );
    candidates = candidates.map((c) => {
      if (!c.run.cs.needsSeriesStatus) return c;
      const run = evaluateSeries(c.run.cs, records, ctx, complete, recordList);
      return { run, forecast: forecastSeries(run, ctx, evidence) };
    });
  }
  const bests = selectBest(candidates, ctx);
  // Several best series (non-equivalent groups): the one with a dose to give soonest leads,
  // then a complete one; an aged-out series never hides another.
  const best = bests
    .slice()
    .sort(
      (a, b) =>
        LEAD.indexOf(a.forecast.status) - LEAD.indexOf(b.forecast.status) ||
        (a.forecast.earliest ?? 0) - (b.forecast.earliest ?? 0),
    )[0];
  if (!best) return undefined;
  const vaccineGroup = best.run.cs.series.vaccineGroup;
  for (const e of best.run.evals) {
    const imm = e.ar.record.imm;
    if (ctx.decided.get(imm) !== 'valid') ctx.decided.set(imm, e.status);
  }
  const remaining: DoseForecast[] = [];
  if (best.forecast.status === 'not-complete') {
    remaining.push(toForecast(best.forecast, ctx, false));
    for (const f of project(best, ctx, evidence)) remaining.push(toForecast(f, ctx, true));
  }
  const s = best.run.cs.series;
  const evaluation: AntigenEvaluation = {
    antigen: antigen.id,
    name: antigen.name,
    vaccineGroup,
    series: { id: s.id, name: s.name, type: s.type, group: s.group, doses: s.doses.length },
    status: best.forecast.status,
    reasons: best.forecast.reasons,
    doses: doseEvaluations(best.run, antigen.id, vaccineGroup, ctx.birthDay),
    skipped: best.run.targets
      .filter((t) => t.status === 'skipped')
      .map((t) => t.cd.dose.doseNumber),
    next: remaining[0],
    remaining,
    verified: s.doses.every((d) => d.verified !== false),
  };
  return { evaluation, forecast: best.forecast, seriesLength: s.doses.length };
}
