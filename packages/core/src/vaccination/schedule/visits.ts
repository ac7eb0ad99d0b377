/**
 * The parents' appointment card: every dose still to give, across vaccine groups, grouped by day.
 *
 * @module
 */
import type { ScheduleEvaluation } from './evaluate.ts';
import type { DoseDueStatus, DoseForecast } from './results.ts';
import type { LocalizedText, ScheduleDuration } from './types.ts';

/** A dose on the card, with its vaccine group. */
export interface VisitDose extends DoseForecast {
  vaccineGroup: string;
  vaccineGroupName: LocalizedText;
}

/** One day on the card. */
export interface Visit {
  /** The recommended day, or `asOf` for doses already due or overdue. */
  date: string;
  /** The recommended age of the first dose of the day, for "at 2 months" headings. */
  recommendedAge: ScheduleDuration | undefined;
  /** The most urgent status of its doses. */
  status: DoseDueStatus;
  doses: VisitDose[];
}

const RANK: Record<DoseDueStatus, number> = { upcoming: 0, due: 1, overdue: 2 };

/**
 * Every dose still to give, grouped by recommended date: the appointment card a parent sees
 * ("2 tháng: …, 3 tháng: …"). Doses already due or overdue are grouped on `asOf`.
 *
 * @example
 * const visits = upcomingVisits(evaluateSchedule({ … }));
 * // [{ date: '2026-01-10', recommendedAge: 'P2M', status: 'due', doses: [...] }, …]
 */
export function upcomingVisits(evaluation: ScheduleEvaluation): Visit[] {
  const visits = new Map<string, Visit>();
  for (const g of evaluation.forecasts) {
    for (const f of g.remaining) {
      const date = f.due === 'upcoming' ? f.recommendedDate : evaluation.asOf;
      const visit = visits.get(date) ?? {
        date,
        recommendedAge: f.recommendedAge,
        status: f.due,
        doses: [],
      };
      visit.doses.push({ ...f, vaccineGroup: g.vaccineGroup, vaccineGroupName: g.name });
      if (RANK[f.due] > RANK[visit.status]) visit.status = f.due;
      visits.set(date, visit);
    }
  }
  return [...visits.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
