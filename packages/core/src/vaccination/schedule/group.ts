/**
 * Vaccine group forecasts (CDSi chapter 9): the antigens of a group (MMR, `DTaP/Tdap/Td`)
 * merged into one status, dose number and set of dates, and the group's doses listed once per
 * Immunization.
 *
 * @internal
 * @module
 */
import type { Immunization } from '../../fhir/index.ts';
import { fromDay, toDay } from './dates.ts';
import { dueOn, type AntigenOutcome } from './antigen.ts';
import type { EngineContext } from './evaluation.ts';
import type { NotDone } from './records.ts';
import type {
  DoseStatus,
  ForecastStatus,
  GroupDose,
  NotDoneRecord,
  VaccineGroupForecast,
} from './results.ts';
import type { ScheduleVaccineGroup } from './types.ts';

/** Table 9-4. */
function groupStatus(statuses: ForecastStatus[]): ForecastStatus {
  for (const s of ['contraindicated', 'aged-out', 'not-recommended', 'not-complete'] as const)
    if (statuses.includes(s)) return s;
  return statuses.every((s) => s === 'immune') ? 'immune' : 'complete';
}

const RANK: Record<DoseStatus, number> = {
  valid: 0,
  extraneous: 1,
  'sub-standard': 2,
  'not-valid': 3,
};

/** One row per Immunization: valid when valid for every antigen of the group it contains. */
function groupDoses(outcomes: readonly AntigenOutcome[]): GroupDose[] {
  const rows = new Map<Immunization, GroupDose>();
  for (const { evaluation } of outcomes) {
    for (const d of evaluation.doses) {
      const row = rows.get(d.immunization);
      if (!row) {
        rows.set(d.immunization, {
          immunizationId: d.immunizationId,
          immunization: d.immunization,
          date: d.date,
          ageDays: d.ageDays,
          vaccine: d.vaccine,
          status: d.status,
          targetDose: d.targetDose,
          reasons: d.reasons,
          preferable: d.preferable,
        });
        continue;
      }
      if (RANK[d.status] > RANK[row.status]) {
        row.status = d.status;
        row.reasons = d.reasons;
      }
      row.preferable &&= d.preferable;
    }
  }
  return [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function notDoneOf(group: ScheduleVaccineGroup, notDone: readonly NotDone[]): NotDoneRecord[] {
  return notDone
    .filter((n) =>
      n.vaccines.some((v) => v.antigens.some((a) => group.antigens.includes(a.antigen))),
    )
    .map((n) => ({
      immunizationId: n.imm.id,
      immunization: n.imm,
      date: n.date,
      ...(n.reason ? { reason: n.reason } : {}),
      vaccineGroups: [group.id],
    }));
}

const min = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? Math.min(...v) : undefined;
};
const max = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) : undefined;
};

/** The forecast of one vaccine group from its antigens' outcomes (FORECASTVG, SINGLEANTVG, MULTIANTVG). */
export function groupForecast(
  group: ScheduleVaccineGroup,
  outcomes: readonly AntigenOutcome[],
  ctx: EngineContext,
): VaccineGroupForecast {
  const status = groupStatus(outcomes.map((o) => o.forecast.status));
  const open = outcomes.filter((o) => o.forecast.status === 'not-complete');
  const doses = groupDoses(outcomes);
  const base = {
    vaccineGroup: group.id,
    name: group.name,
    antigens: outcomes.map((o) => o.evaluation.antigen),
    status,
    reasons: outcomes.flatMap((o) => o.evaluation.reasons),
    doses,
    notDone: notDoneOf(group, ctx.history.notDone),
    skipped: outcomes
      .map((o) => o.evaluation.skipped)
      .reduce((a, b) => a.filter((n) => b.includes(n))),
    seriesLength: Math.max(0, ...outcomes.map((o) => o.seriesLength)),
    verified: outcomes.every((o) => o.evaluation.verified),
  };
  if (status !== 'not-complete' || !open.length) {
    return { ...base, recommendedVaccines: [], next: undefined, remaining: [] };
  }
  const fs = open.map((o) => o.forecast);
  let earliest: number;
  if (outcomes.length === 1) earliest = fs[0]!.earliest!;
  else if (fs.some((f) => f.priority)) {
    const lastGiven = max(doses.map((d) => toDay(d.date)));
    earliest = Math.max(min(fs.map((f) => f.earliest))!, lastGiven ?? -Infinity);
  } else earliest = max(fs.map((f) => f.earliest))!;
  const recommended = Math.max(min(fs.map((f) => f.recommended))!, earliest);
  const pastDueMin = min(fs.map((f) => f.pastDue));
  const pastDue = pastDueMin === undefined ? undefined : Math.max(pastDueMin, earliest);
  const latest = min(fs.map((f) => f.latest));
  const numbers = fs.map((f) => f.doseNumber!);
  const doseNumber = group.administerFullGroup ? Math.min(...numbers) : Math.max(...numbers);
  // The group's next dose: that of its antigen with the earliest recommended date.
  const lead = open.reduce((a, b) => (b.forecast.recommended! < a.forecast.recommended! ? b : a));
  const leadNext = lead.evaluation.next!;
  const next = {
    ...leadNext,
    doseNumber,
    earliestDate: fromDay(earliest),
    recommendedDate: fromDay(recommended),
    ...(pastDue !== undefined
      ? { pastDueDate: fromDay(pastDue), overdueDate: fromDay(pastDue + 1) }
      : {}),
    ...(latest !== undefined ? { latestDate: fromDay(latest) } : {}),
    due: dueOn(ctx.asOfDay, recommended, pastDue),
  };
  if (pastDue === undefined) {
    delete next.pastDueDate;
    delete next.overdueDate;
  }
  if (latest === undefined) delete next.latestDate;
  return {
    ...base,
    doseNumber,
    earliestDate: next.earliestDate,
    recommendedDate: next.recommendedDate,
    ...(next.pastDueDate ? { pastDueDate: next.pastDueDate, overdueDate: next.overdueDate } : {}),
    ...(next.latestDate ? { latestDate: next.latestDate } : {}),
    due: next.due,
    recommendedVaccines: [...new Set(fs.flatMap((f) => f.recommendedVaccines))],
    next,
    remaining: [next, ...lead.evaluation.remaining.slice(1)],
  };
}
