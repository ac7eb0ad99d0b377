/**
 * Series selection (CDSi chapter 8): per series group, the scorable series (pre-filter), one
 * prioritized series (a single default, scorable, complete or in-process series, else the
 * score: complete, in-process and no-valid-doses rules, ties broken by series preference), then
 * the best series across groups (equivalent groups, risk and standard series).
 *
 * @internal
 * @module
 */
import type { EngineContext, SeriesRun } from './evaluation.ts';
import type { SeriesForecast } from './forecast.ts';

/** A relevant series, evaluated and forecast. */
export interface Candidate {
  run: SeriesRun;
  forecast: SeriesForecast;
}

const series = (c: Candidate) => c.run.cs.series;
const isComplete = (c: Candidate) => c.forecast.status === 'complete';
const isInProcess = (c: Candidate) => c.run.validCount > 0 && c.forecast.status === 'not-complete';
const priorityOf = (c: Candidate) => series(c).priority ?? 'A';

/** SELECTB-2: every dose evaluated against a target dose is valid. */
function allValid(c: Candidate): boolean {
  return c.run.evals.every((e) => e.target === undefined || e.status === 'valid');
}

const notSatisfied = (c: Candidate) =>
  c.run.targets.filter((t) => t.status === 'not-satisfied').length;

/**
 * Points for a condition (tables 8-7, 8-9, 8-11): `win` when it holds for this series only,
 * 0 when it holds for it and others too (if `tie`), `-win` when it does not hold.
 */
function award(
  list: Candidate[],
  holds: (c: Candidate) => boolean,
  win: number,
  tie: boolean,
  score: Map<Candidate, number>,
): void {
  const yes = list.filter(holds);
  for (const c of list) {
    const points = !yes.includes(c) ? -win : tie && yes.length > 1 ? 0 : win;
    score.set(c, (score.get(c) ?? 0) + points);
  }
}

function scoreComplete(list: Candidate[], score: Map<Candidate, number>): void {
  const most = Math.max(...list.map((c) => c.run.validCount));
  award(list, (c) => c.run.validCount >= most, 1, true, score);
}

function scoreInProcess(list: Candidate[], score: Map<Candidate, number>): void {
  award(list, (c) => Boolean(series(c).productPath) && allValid(c), 2, false, score);
  award(list, (c) => c.forecast.completable, 3, false, score);
  const most = Math.max(...list.map((c) => c.run.validCount));
  award(list, (c) => c.run.validCount >= most, 2, true, score);
  const fewest = Math.min(...list.map(notSatisfied));
  award(list, (c) => notSatisfied(c) === fewest, 2, true, score);
  const finishes = list.filter((c) => c.forecast.completable && c.forecast.finish !== undefined);
  const first = Math.min(...finishes.map((c) => c.forecast.finish!));
  award(list, (c) => finishes.includes(c) && c.forecast.finish! <= first, 1, true, score);
}

function scoreNoValidDoses(list: Candidate[], score: Map<Candidate, number>): void {
  const starts = list.filter((c) => c.forecast.earliest !== undefined);
  const first = Math.min(...starts.map((c) => c.forecast.earliest!));
  award(list, (c) => starts.includes(c) && c.forecast.earliest! <= first, 1, true, score);
  award(list, (c) => c.forecast.completable, 1, false, score);
  award(list, (c) => !series(c).productPath, 1, false, score);
}

/** SELECTBEST-2: the highest score, then the best series preference, then the first. */
function best(list: Candidate[], score: Map<Candidate, number>): Candidate {
  return list.reduce((a, b) => {
    const sa = score.get(a) ?? 0;
    const sb = score.get(b) ?? 0;
    if (sb !== sa) return sb > sa ? b : a;
    return (series(b).preference ?? Infinity) < (series(a).preference ?? Infinity) ? b : a;
  });
}

/** The patient has reached the series' minimum age to start on the assessment date. */
function canStart(c: Candidate, ctx: EngineContext): boolean {
  const min = ctx.at(series(c).minAgeToStart);
  return min === undefined || ctx.asOfDay >= min;
}

/** §8.1–8.7: the prioritized series of one series group, if any. */
function prioritized(group: Candidate[], ctx: EngineContext): Candidate | undefined {
  const allContraindicated = group.every((c) => c.forecast.status === 'contraindicated');
  const candidates = group.filter(
    (c) => allContraindicated || c.forecast.status !== 'contraindicated',
  );
  const highest = candidates.reduce((p, c) => (priorityOf(c) < p ? priorityOf(c) : p), '~');
  const noneValid = group.every((c) => c.run.validCount === 0);
  // A series nobody has started cannot start before its minimum age to start (CDSi 4.0
  // SELECTSCORE; 4.6 is silent, and without it an infant is forecast the 50+ pneumococcal
  // series). The maximum age to start only bars a first valid dose given after it (SELECTSCORE-2).
  const startable = (c: Candidate) => c.run.validCount > 0 || canStart(c, ctx);
  const defaults = group.filter((c) => series(c).default && startable(c));
  const scorable = candidates.filter(startable).filter((c) => {
    const s = series(c);
    if (s.type === 'risk') return priorityOf(c) <= highest;
    if (s.type === 'evaluation-only') return isComplete(c);
    if (c.run.validCount > 0) {
      const first = c.run.evals.find((e) => e.status === 'valid')!.ar.record.day;
      const max = ctx.at(s.maxAgeToStart);
      return max === undefined || first < max;
    }
    return noneValid && defaults.length === 0;
  });
  if (scorable.length === 0) return defaults.length === 1 ? defaults[0] : undefined;
  if (scorable.length === 1) return scorable[0];
  const complete = scorable.filter(isComplete);
  const inProcess = scorable.filter(isInProcess);
  if (complete.length === 1) return complete[0];
  if (complete.length === 0 && inProcess.length === 1) return inProcess[0];
  if (complete.length === 0 && inProcess.length === 0 && defaults.length === 1) return defaults[0];
  const score = new Map<Candidate, number>();
  let scored: Candidate[];
  if (complete.length >= 2) {
    scored = complete;
    scoreComplete(scored, score);
  } else if (inProcess.length >= 2) {
    scored = inProcess;
    scoreInProcess(scored, score);
  } else {
    scored = scorable.filter((c) => c.run.validCount === 0);
    if (!scored.length) scored = scorable;
    scoreNoValidDoses(scored, score);
  }
  return best(scored, score);
}

/** Chapter 8: the best series of an antigen (one per non-equivalent series group). */
export function selectBest(candidates: Candidate[], ctx: EngineContext): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const g = series(c).group;
    const list = groups.get(g);
    if (list) list.push(c);
    else groups.set(g, [c]);
  }
  const chosen = new Map<string, Candidate>();
  for (const [g, list] of groups) {
    const p = prioritized(list, ctx);
    if (p) chosen.set(g, p);
  }
  const equivalent = (a: string, b: string) =>
    Boolean(series(chosen.get(a)!).equivalentGroups?.includes(b)) ||
    Boolean(series(chosen.get(b)!).equivalentGroups?.includes(a));
  const others = (g: string) => [...chosen.keys()].filter((h) => h !== g && equivalent(g, h));
  const result: Candidate[] = [];
  for (const [g, p] of chosen) {
    if (isComplete(p)) {
      result.push(p);
      continue;
    }
    const eq = others(g).map((h) => chosen.get(h)!);
    if (eq.some(isComplete)) continue;
    const type = series(p).type;
    if (type === 'evaluation-only') continue;
    if (type === 'risk' || !eq.some((c) => series(c).type === 'risk')) result.push(p);
  }
  return result;
}
