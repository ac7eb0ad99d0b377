/**
 * What applies to this patient (CDSi §5.1, §7.2, §7.3): the relevant series (sex, risk
 * indications by observation), evidence of immunity (observations, born before a date, not-done
 * records with reason `IMMUNE`) and contraindications (observations, not-done records with
 * reason `MEDPREC`), each with its begin and end ages.
 *
 * @internal
 * @module
 */
import type { Patient } from '../../fhir/index.ts';
import { toDay } from './dates.ts';
import type { CompiledSeries } from './compile.ts';
import type { EngineContext } from './evaluation.ts';
import type { Evidence } from './forecast.ts';
import type { ScheduleAntigen, ScheduleDuration, ScheduleGender, VaccineRef } from './types.ts';

const BIRTH_PLACE = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';

/** The patient's country of birth (`patient-birthPlace` extension), if recorded. */
export function birthCountry(patient: Pick<Patient, 'extension'>): string | undefined {
  const ext = patient.extension?.find((e) => e.url === BIRTH_PLACE);
  return ext?.valueAddress?.country;
}

/** Begin age ≤ assessment date < end age. */
function inAges(ctx: EngineContext, begin?: ScheduleDuration, end?: ScheduleDuration): boolean {
  const b = ctx.at(begin);
  const e = ctx.at(end);
  if (b !== undefined && ctx.asOfDay < b) return false;
  if (e !== undefined && ctx.asOfDay >= e) return false;
  return true;
}

const observed = (ctx: EngineContext, code: string) => ctx.history.observations.has(code);

/** Table 5-5: the series applies to the patient's sex and, for a risk series, an indication. */
export function isRelevant(
  cs: CompiledSeries,
  gender: ScheduleGender,
  ctx: EngineContext,
): boolean {
  const s = cs.series;
  if (s.genders?.length && !s.genders.includes(gender)) return false;
  if (s.type !== 'risk') return true;
  return (s.indications ?? []).some(
    (i) => observed(ctx, i.observation) && inAges(ctx, i.beginAge, i.endAge),
  );
}

/** Not-done records naming a vaccine that contains the antigen, with this reason code. */
function notDoneWith(ctx: EngineContext, antigen: string, code: 'IMMUNE' | 'MEDPREC'): boolean {
  return ctx.history.notDone.some(
    (n) => n.code === code && n.vaccines.some((v) => v.antigens.some((a) => a.antigen === antigen)),
  );
}

/** Tables 7-3, 7-5 and 7-6 for one antigen. */
export function evidenceFor(
  antigen: ScheduleAntigen,
  ctx: EngineContext,
  country: string | undefined,
): Evidence {
  const im = antigen.immunity;
  let immune =
    Boolean(im?.observations?.some((o) => observed(ctx, o))) ||
    notDoneWith(ctx, antigen.id, 'IMMUNE');
  if (!immune && im?.bornBefore && ctx.birthDay < toDay(im.bornBefore)) {
    const excluded = im.exclusions?.some((o) => observed(ctx, o)) ?? false;
    immune = !excluded && (!im.birthCountry || im.birthCountry === country);
  }
  let contraindicated = notDoneWith(ctx, antigen.id, 'MEDPREC');
  const contraindicatedVaccines = new Set<VaccineRef>();
  for (const ci of antigen.contraindications ?? []) {
    if (!observed(ctx, ci.observation) || !inAges(ctx, ci.beginAge, ci.endAge)) continue;
    if (!ci.vaccines) contraindicated = true;
    else
      for (const v of ci.vaccines)
        if (inAges(ctx, v.beginAge, v.endAge)) contraindicatedVaccines.add(v.vaccine);
  }
  return { immune, contraindicated, contraindicatedVaccines };
}
