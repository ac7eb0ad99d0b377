/**
 * A patient series run (CDSi §4.4): the antigen's records, oldest first, each against the
 * current target dose — dose condition (sub-standard), conditional skips, then the rules of
 * `evaluation.ts` — satisfying target doses, adding a recurring one, and marking the records left
 * after the series as extraneous.
 *
 * @internal
 * @module
 */
import type { CompiledSeries } from './compile.ts';
import {
  evaluateAgainst,
  ONLY,
  skipContext,
  type EngineContext,
  type RecordEval,
  type SeriesRun,
} from './evaluation.ts';
import type { AntigenRecord, VaccineRecord } from './records.ts';
import { canSkip } from './skip.ts';

/** Evaluate one more antigen record (the next in date order) on a run (§4.4 steps 3–7). */
export function evaluateNext(run: SeriesRun, ctx: EngineContext, ar: AntigenRecord): void {
  const r = ar.record;
  const push = (e: RecordEval) => {
    run.evals.push(e);
    run.byRecord[r.order] = e;
  };
  if (r.condition) {
    const target = run.targets[run.next];
    push({
      ar,
      target,
      status: target ? 'sub-standard' : 'extraneous',
      reasons: ONLY[target ? r.condition : 'series-complete'],
      preferable: false,
      inadvertent: false,
    });
    return;
  }
  while (run.next < run.targets.length) {
    const t = run.targets[run.next]!;
    if (
      !t.cd.dose.conditionalSkips ||
      !canSkip(t.cd.dose, 'evaluation', r.day, r.day, skipContext(run, ctx))
    )
      break;
    t.status = 'skipped';
    run.next += 1;
  }
  const target = run.targets[run.next];
  if (!target) {
    push({
      ar,
      target: undefined,
      status: 'extraneous',
      reasons: ONLY['series-complete'],
      preferable: false,
      inadvertent: false,
    });
    return;
  }
  const e = evaluateAgainst(run, ctx, target, ar);
  push(e);
  if (e.status !== 'valid') return;
  target.status = 'satisfied';
  target.by = e;
  run.satisfiedDay.set(target.cd.dose.doseNumber, r.day);
  run.validCount += 1;
  run.next += 1;
  if (target.cd.dose.recurring)
    run.targets.splice(run.next, 0, { cd: target.cd, status: 'not-satisfied', by: undefined });
}

/**
 * A copy of a run that can be evaluated and forecast further without changing the original
 * (target states and counters copied; evaluations shared: they only read their target's dose).
 */
export function copyRun(run: SeriesRun): SeriesRun {
  return {
    ...run,
    targets: run.targets.map((t) => ({ ...t })),
    evals: run.evals.slice(),
    satisfiedDay: new Map(run.satisfiedDay),
    byRecord: run.byRecord.slice(),
    counters: new Map([...run.counters].map(([k, v]) => [k, { ...v }])),
  };
}

/**
 * Evaluate an antigen's records against one series (CDSi §4.4 and chapter 6).
 * `completeGroups` are the series groups already known to hold a complete series.
 */
export function evaluateSeries(
  cs: CompiledSeries,
  records: readonly AntigenRecord[],
  ctx: EngineContext,
  completeGroups: ReadonlySet<string>,
  recordList: VaccineRecord[] = records.map((ar) => ar.record),
): SeriesRun {
  const run: SeriesRun = {
    cs,
    targets: cs.doses.map((cd) => ({ cd, status: 'not-satisfied', by: undefined })),
    evals: [],
    next: 0,
    validCount: 0,
    satisfiedDay: new Map(),
    byRecord: [],
    counters: new Map(),
    completeGroups,
    records: recordList,
  };
  for (const ar of records) evaluateNext(run, ctx, ar);
  return run;
}
