/**
 * The R4 vital-signs profiles (observation-vitalsigns.html), applied when an Observation declares
 * one in `meta.profile`: the `vital-signs` category, a subject, an effective time to the day at
 * least (vs-1), a value or a reason for its absence (vs-2, vs-3 on components), the profile's
 * LOINC code, and a UCUM valueQuantity in the profile's units (`generated/vitals.ts`).
 */
import type { ValidationIssue } from '../../errors.ts';
import { VITALS, VITALS_BASE, type VitalProfile } from './generated/vitals.ts';
import { asObject, report } from './report.ts';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const hasValue = (o: Record<string, unknown>) => {
  for (const key in o) if (key.startsWith('value') && o[key] !== undefined) return true;
  return false;
};

/** Whether a CodeableConcept holds a Coding of `system` and `code`. */
function hasCoding(concept: unknown, system: string, code: string): boolean {
  const coding = asObject(concept)?.coding;
  return (
    Array.isArray(coding) &&
    coding.some((c: unknown) => asObject(c)?.system === system && asObject(c)?.code === code)
  );
}

/** The vital-signs profiles an Observation declares (by canonical, a version dropped). */
function declared(observation: Record<string, unknown>): [string, VitalProfile | undefined][] {
  const profiles = asObject(observation.meta)?.profile;
  if (!Array.isArray(profiles)) return [];
  const out: [string, VitalProfile | undefined][] = [];
  for (const p of profiles) {
    if (typeof p !== 'string') continue;
    const url = p.split('|')[0]!;
    if (url === VITALS_BASE) out.push([url, undefined]);
    else if (Object.hasOwn(VITALS, url)) out.push([url, VITALS[url]]);
  }
  return out;
}

/** A valueQuantity at `path` in one of `units` of UCUM, with a number and a human unit. */
function checkQuantity(
  quantity: unknown,
  units: string[] | undefined,
  path: string,
  profile: string,
  issues: ValidationIssue[],
): void {
  const q = asObject(quantity);
  if (!q || !units) return;
  if (
    q.value === undefined ||
    q.unit === undefined ||
    q.system !== UCUM ||
    !units.includes(q.code as string)
  )
    report(
      issues,
      path,
      'profile',
      `${profile} needs a valueQuantity with value, unit, system ${UCUM} and code ${units.join(' or ')}.`,
      `${profile} cần valueQuantity có value, unit, system ${UCUM} và code ${units.join(' hoặc ')}.`,
    );
}

/** Check an Observation at `path` against the vital-signs profiles it declares. */
export function checkVitals(
  observation: Record<string, unknown>,
  path: string,
  issues: ValidationIssue[],
): void {
  const profiles = declared(observation);
  if (!profiles.length) return;
  const base = 'the vital-signs profile';
  const fail = (where: string, en: string, vi: string, key?: string) =>
    report(issues, path + where, key ? 'invariant' : 'profile', en, vi, key);
  const categories = observation.category;
  if (!Array.isArray(categories) || !categories.some((c) => hasCoding(c, CATEGORY, 'vital-signs')))
    fail(
      '.category',
      `A vital sign needs the category ${CATEGORY}#vital-signs (${base}).`,
      `Dấu hiệu sinh tồn cần category ${CATEGORY}#vital-signs (hồ sơ vital-signs).`,
    );
  if (observation.subject === undefined)
    fail(
      '.subject',
      `A vital sign needs a subject (${base}).`,
      'Dấu hiệu sinh tồn cần subject (người được đo).',
    );
  const effective = observation.effectiveDateTime;
  if (effective === undefined && observation.effectivePeriod === undefined)
    fail(
      '.effective[x]',
      `A vital sign needs effectiveDateTime or effectivePeriod (${base}).`,
      'Dấu hiệu sinh tồn cần thời điểm đo (effectiveDateTime hoặc effectivePeriod).',
    );
  else if (typeof effective === 'string' && effective.length < 8)
    fail(
      '.effectiveDateTime',
      'A vital sign is dated to the day at least (vs-1).',
      'Thời điểm đo dấu hiệu sinh tồn phải có ít nhất ngày (vs-1).',
      'vs-1',
    );
  const components = Array.isArray(observation.component) ? observation.component : [];
  if (
    !components.length &&
    observation.hasMember === undefined &&
    observation.dataAbsentReason === undefined &&
    !hasValue(observation)
  )
    fail(
      '',
      'A vital sign without components or members needs a value or a dataAbsentReason (vs-2).',
      'Dấu hiệu sinh tồn không có thành phần cần có giá trị hoặc lý do thiếu (dataAbsentReason) (vs-2).',
      'vs-2',
    );
  components.forEach((c: unknown, i) => {
    const component = asObject(c);
    if (component && component.dataAbsentReason === undefined && !hasValue(component))
      fail(
        `.component[${i}]`,
        'A vital-sign component needs a value or a dataAbsentReason (vs-3).',
        'Thành phần của dấu hiệu sinh tồn cần có giá trị hoặc lý do thiếu (dataAbsentReason) (vs-3).',
        'vs-3',
      );
  });
  for (const [url, profile] of profiles) {
    if (!profile) continue;
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (!hasCoding(observation.code, LOINC, profile.code))
      fail(
        '.code',
        `Profile ${name} needs the LOINC code ${profile.code} in code.coding.`,
        `Hồ sơ ${name} cần mã LOINC ${profile.code} trong code.coding.`,
      );
    if (profile.value === 0 && observation.valueQuantity !== undefined)
      fail(
        '.valueQuantity',
        `Profile ${name} has no valueQuantity: the values are in its components.`,
        `Hồ sơ ${name} không có valueQuantity: giá trị nằm trong các thành phần (component).`,
      );
    if (profile.value === -1 && hasValue(observation))
      fail(
        '',
        `Profile ${name} has no value[x]: the values are in its members (hasMember).`,
        `Hồ sơ ${name} không có value[x]: giá trị nằm trong các quan sát thành viên (hasMember).`,
      );
    if (profile.value === 1 && observation.valueQuantity === undefined)
      fail('', `Profile ${name} needs a valueQuantity.`, `Hồ sơ ${name} cần valueQuantity.`);
    if (profile.members && observation.hasMember === undefined)
      fail(
        '.hasMember',
        `Profile ${name} needs its members (hasMember).`,
        `Hồ sơ ${name} cần các quan sát thành viên (hasMember).`,
      );
    checkQuantity(observation.valueQuantity, profile.units, path + '.valueQuantity', name, issues);
    for (const [code, units] of profile.components ?? []) {
      const i = components.findIndex((c: unknown) => hasCoding(asObject(c)?.code, LOINC, code));
      if (i < 0)
        fail(
          '.component',
          `Profile ${name} needs a component with the LOINC code ${code}.`,
          `Hồ sơ ${name} cần một thành phần (component) có mã LOINC ${code}.`,
        );
      else
        checkQuantity(
          asObject(components[i])?.valueQuantity,
          units,
          `${path}.component[${i}].valueQuantity`,
          name,
          issues,
        );
    }
  }
}
