/**
 * One CDSi AntigenSupportingData file read into the engine's antigen (series, series doses,
 * ages, intervals, vaccines, conditional skips, immunity, contraindications), and the CDSi
 * value formats (durations, dates, Y/N flags).
 *
 * @internal
 * @module
 */
import type {
  ConditionalSkip,
  DoseAge,
  DoseInterval,
  DoseVaccine,
  LocalizedText,
  ScheduleAntigen,
  ScheduleContraindication,
  ScheduleDose,
  ScheduleDuration,
  ScheduleGender,
  ScheduleSeries,
  SkipCondition,
  VaccineRef,
} from '../types.ts';
import { child, children, textOf, type XmlElement } from './xml.ts';

/** The CVX code system. */
export const CVX = 'http://hl7.org/fhir/sid/cvx';

/** The same text in both languages (the CDC's data is in English). */
export const both = (s: string): LocalizedText => ({ vi: s, en: s });
/** A CVX vaccine reference. */
export const cvx = (code: string): VaccineRef => `${CVX}|${code.trim()}`;
/** A CDSi Y/Yes flag. */
export const yes = (s: string) => /^(y|yes)$/i.test(s.trim());

/** "4 weeks - 4 days" → `P4W-4D`; '' and 'n/a' → undefined. */
export function cdsiDuration(text: string): ScheduleDuration | undefined {
  const t = text.trim();
  if (!t || /^n\/?a$/i.test(t)) return undefined;
  const sum = { Y: 0, M: 0, W: 0, D: 0 };
  const re = /([+-])?\s*(\d+)\s*(year|month|week|day)s?/gi;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(t))) {
    any = true;
    const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    const unit = m[3]!.toLowerCase();
    sum[unit === 'year' ? 'Y' : unit === 'month' ? 'M' : unit === 'week' ? 'W' : 'D'] += n;
  }
  if (!any) throw new RangeError(`Unreadable CDSi duration "${text}"`);
  const out = (['Y', 'M', 'W', 'D'] as const).map((u) => (sum[u] ? `${sum[u]}${u}` : '')).join('');
  return `P${out || '0D'}`;
}

/** `20250827` or `01/01/1957` → `YYYY-MM-DD`; '' → undefined. */
export function cdsiDate(text: string): string | undefined {
  const t = text.trim();
  if (!t || /^n\/?a$/i.test(t)) return undefined;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  throw new RangeError(`Unreadable CDSi date "${text}"`);
}

/** Copy the defined values only (the JSON stays free of `undefined`). */
export function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** A child element's duration. */
export const ageOf = (el: XmlElement, name: string) => cdsiDuration(textOf(el, name));
const period = (el: XmlElement) => ({
  effectiveDate: cdsiDate(textOf(el, 'effectiveDate')),
  cessationDate: cdsiDate(textOf(el, 'cessationDate')),
});

function doseAge(el: XmlElement): DoseAge | undefined {
  const age = defined<DoseAge>({
    absoluteMinimumAge: ageOf(el, 'absMinAge'),
    minimumAge: ageOf(el, 'minAge'),
    earliestRecommendedAge: ageOf(el, 'earliestRecAge'),
    latestRecommendedAge: ageOf(el, 'latestRecAge'),
    maximumAge: ageOf(el, 'maxAge'),
    ...period(el),
  });
  return Object.keys(age).length ? age : undefined;
}

function interval(el: XmlElement): DoseInterval | undefined {
  if (!el.children.length) return undefined;
  const target = textOf(el, 'fromTargetDose');
  const recent = textOf(el, 'fromMostRecent');
  const obs = textOf(child(el, 'fromRelevantObs'), 'code');
  const from: DoseInterval['from'] = yes(textOf(el, 'fromPrevious'))
    ? 'previous'
    : target
      ? { targetDose: Number(target) }
      : recent
        ? {
            mostRecent: recent
              .split(/[;,]/)
              .filter((s) => s.trim())
              .map(cvx),
          }
        : obs
          ? { observation: obs }
          : 'previous';
  return defined<DoseInterval>({
    from,
    absoluteMinimumInterval: ageOf(el, 'absMinInt'),
    minimumInterval: ageOf(el, 'minInt'),
    earliestRecommendedInterval: ageOf(el, 'earliestRecInt'),
    latestRecommendedInterval: ageOf(el, 'latestRecInt'),
    priority: /override/i.test(textOf(el, 'intervalPriority')) || undefined,
    ...period(el),
  });
}

function vaccine(el: XmlElement, preferable: boolean): DoseVaccine {
  const volume = Number(textOf(el, 'volume'));
  return defined<DoseVaccine>({
    vaccine: cvx(textOf(el, 'cvx')),
    beginAge: ageOf(el, 'beginAge'),
    endAge: ageOf(el, 'endAge'),
    ...(preferable
      ? {
          mvx: textOf(el, 'mvx') || undefined,
          tradeName: textOf(el, 'tradeName') || undefined,
          volume: textOf(el, 'volume') && Number.isFinite(volume) ? volume : undefined,
          forecast: yes(textOf(el, 'forecastVaccineType')),
        }
      : {}),
  });
}

const CONDITION_TYPES: Record<string, SkipCondition['type']> = {
  age: 'age',
  'completed series': 'completed-series',
  interval: 'interval',
  'vaccine count by age': 'vaccine-count-by-age',
  'vaccine count by date': 'vaccine-count-by-date',
  'vaccine count by date and age': 'vaccine-count-by-age-and-date',
};

const logic = (s: string): 'and' | 'or' => (/^and$/i.test(s.trim()) ? 'and' : 'or');

function condition(el: XmlElement): SkipCondition {
  const kind = textOf(el, 'conditionType').toLowerCase();
  const type = CONDITION_TYPES[kind];
  if (!type) throw new RangeError(`Unknown CDSi conditional skip type "${kind}"`);
  const count = textOf(el, 'doseCount');
  const countLogic = textOf(el, 'doseCountLogic').toLowerCase();
  const list = (s: string) =>
    s
      .split(/[;,]/)
      .map((x) => x.trim())
      .filter(Boolean);
  return defined<SkipCondition>({
    type,
    beginAge: ageOf(el, 'beginAge'),
    endAge: ageOf(el, 'endAge'),
    startDate: cdsiDate(textOf(el, 'startDate')),
    endDate: cdsiDate(textOf(el, 'endDate')),
    interval: ageOf(el, 'interval'),
    doseCount: count ? Number(count) : undefined,
    doseType: textOf(el, 'doseType')
      ? /valid/i.test(textOf(el, 'doseType'))
        ? 'valid'
        : 'total'
      : undefined,
    doseCountLogic: countLogic
      ? countLogic.startsWith('greater')
        ? 'greater-than'
        : countLogic.startsWith('less')
          ? 'less-than'
          : 'equal'
      : undefined,
    vaccines: textOf(el, 'vaccineTypes') ? list(textOf(el, 'vaccineTypes')).map(cvx) : undefined,
    seriesGroups: textOf(el, 'seriesGroups') ? list(textOf(el, 'seriesGroups')) : undefined,
  });
}

function skip(el: XmlElement): ConditionalSkip | undefined {
  const sets = children(el, 'set');
  if (!sets.length) return undefined;
  const context = textOf(el, 'context').toLowerCase();
  return {
    context: context === 'evaluation' || context === 'forecast' ? context : 'both',
    logic: logic(textOf(el, 'setLogic')),
    sets: sets.map((s) =>
      defined({
        id: textOf(s, 'setID'),
        description: textOf(s, 'setDescription') || undefined,
        logic: textOf(s, 'conditionLogic') ? logic(textOf(s, 'conditionLogic')) : 'and',
        conditions: children(s, 'condition').map(condition),
        ...period(s),
      }),
    ),
  };
}

function seriesDose(el: XmlElement, source: string): ScheduleDose {
  const season = child(el, 'seasonalRecommendation');
  const seasonal = season
    ? defined({
        startDate: cdsiDate(textOf(season, 'startDate')),
        endDate: cdsiDate(textOf(season, 'endDate')),
      })
    : undefined;
  const skips = children(el, 'conditionalSkip').flatMap((s) => skip(s) ?? []);
  const inadvertent = children(el, 'inadvertentVaccine')
    .map((v) => textOf(v, 'cvx'))
    .filter(Boolean)
    .map(cvx);
  const intervals = children(el, 'interval').flatMap((i) => interval(i) ?? []);
  const allowableIntervals = children(el, 'allowableInterval').flatMap((i) => interval(i) ?? []);
  const allowable = children(el, 'allowableVaccine')
    .filter((v) => textOf(v, 'cvx'))
    .map((v) => vaccine(v, false));
  return defined<ScheduleDose>({
    doseNumber: Number(/\d+/.exec(textOf(el, 'doseNumber'))?.[0] ?? 0),
    ages: children(el, 'age').flatMap((a) => doseAge(a) ?? []),
    intervals: intervals.length ? intervals : undefined,
    allowableIntervals: allowableIntervals.length ? allowableIntervals : undefined,
    preferableVaccines: children(el, 'preferableVaccine')
      .filter((v) => textOf(v, 'cvx'))
      .map((v) => vaccine(v, true)),
    allowableVaccines: allowable.length ? allowable : undefined,
    inadvertentVaccines: inadvertent.length ? inadvertent : undefined,
    conditionalSkips: skips.length ? skips : undefined,
    recurring: yes(textOf(el, 'recurringDose')) || undefined,
    seasonal: seasonal && Object.keys(seasonal).length ? seasonal : undefined,
    verified: true,
    source: [source],
  });
}

const GENDERS: Record<string, ScheduleGender> = {
  female: 'female',
  male: 'male',
  unknown: 'unknown',
  transgender: 'other',
};

function series(el: XmlElement, antigen: string, source: string): ScheduleSeries {
  const select = child(el, 'selectSeries');
  const name = textOf(el, 'seriesName');
  const type = textOf(el, 'seriesType').toLowerCase();
  const genders = children(el, 'requiredGender')
    .map((g) => GENDERS[g.text.toLowerCase()])
    .filter((g): g is ScheduleGender => g !== undefined);
  const equivalent = textOf(el, 'equivalentSeriesGroups');
  const preference = textOf(select, 'seriesPreference');
  const indications = children(el, 'indication')
    .filter((i) => textOf(child(i, 'observationCode'), 'code'))
    .map((i) =>
      defined({
        observation: textOf(child(i, 'observationCode'), 'code'),
        beginAge: ageOf(i, 'beginAge'),
        endAge: ageOf(i, 'endAge'),
        description: textOf(i, 'description') || undefined,
      }),
    );
  return defined<ScheduleSeries>({
    id: `${antigen}: ${name}`,
    name: both(name),
    type: type === 'risk' ? 'risk' : type.startsWith('evaluation') ? 'evaluation-only' : 'standard',
    vaccineGroup: textOf(el, 'vaccineGroup'),
    group: textOf(select, 'seriesGroup') || '1',
    groupName: textOf(select, 'seriesGroupName') || undefined,
    equivalentGroups: equivalent
      ? equivalent
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    priority: textOf(select, 'seriesPriority') || undefined,
    preference: preference ? Number(preference) : undefined,
    default: yes(textOf(select, 'defaultSeries')) || undefined,
    productPath: yes(textOf(select, 'productPath')) || undefined,
    minAgeToStart: ageOf(select!, 'minAgeToStart'),
    maxAgeToStart: ageOf(select!, 'maxAgeToStart'),
    genders: genders.length ? genders : undefined,
    indications: indications.length ? indications : undefined,
    guidance: textOf(el, 'seriesAdminGuidance') || undefined,
    doses: children(el, 'seriesDose').map((d) => seriesDose(d, source)),
  });
}

/** One AntigenSupportingData document (its root element) as an antigen. */
export function antigen(el: XmlElement, source: string): ScheduleAntigen {
  const list = children(el, 'series');
  const id = textOf(list[0], 'targetDisease');
  if (!id) throw new RangeError('AntigenSupportingData without a series target disease');
  const immunity = child(el, 'immunity');
  const born = child(immunity, 'dateOfBirth');
  const observations = children(immunity, 'clinicalHistory')
    .map((h) => textOf(h, 'guidelineCode'))
    .filter(Boolean);
  const imm = defined({
    observations: observations.length ? observations : undefined,
    bornBefore: cdsiDate(textOf(born, 'immunityBirthDate')),
    birthCountry: textOf(born, 'birthCountry') || undefined,
    exclusions: born
      ? children(born, 'exclusion')
          .map((x) => textOf(x, 'exclusionCode'))
          .filter(Boolean)
      : undefined,
  });
  if (imm.exclusions && !imm.exclusions.length) delete imm.exclusions;
  const ci = child(el, 'contraindications');
  const contraindications: ScheduleContraindication[] = [
    ...children(child(ci, 'vaccineGroup'), 'contraindication').map((c) =>
      defined<ScheduleContraindication>({
        observation: textOf(c, 'observationCode'),
        beginAge: ageOf(c, 'beginAge'),
        endAge: ageOf(c, 'endAge'),
        text: textOf(c, 'contraindicationText') || undefined,
      }),
    ),
    ...children(child(ci, 'vaccine'), 'contraindication').map((c) =>
      defined<ScheduleContraindication>({
        observation: textOf(c, 'observationCode'),
        text: textOf(c, 'contraindicationText') || undefined,
        vaccines: children(c, 'contraindicatedVaccine').map((v) => vaccine(v, false)),
      }),
    ),
  ];
  return defined<ScheduleAntigen>({
    id,
    name: both(id),
    series: list.map((s) => series(s, id, `${source}: AntigenSupportingData ${id}`)),
    immunity: Object.keys(imm).length ? imm : undefined,
    contraindications: contraindications.length ? contraindications : undefined,
  });
}
