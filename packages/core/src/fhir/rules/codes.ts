/**
 * Codes (R4 terminologies.html): a `code` element whose required value set is too large for the
 * structure check (more than 60 codes, `generated/codes.ts`) or is a grammar (media types,
 * currencies: their syntax), CodeableConcepts with a required value set, and every Coding whose system is a
 * FHIR or HL7 Terminology code system with complete content in R4
 * (`generated/code-systems-*.ts`): its code must exist there. Codings of other systems (LOINC,
 * SNOMED CT, CVX, ICD-10, the Vietnamese code systems, …) are not checked: the SDK holds no copy
 * of them.
 */
import type { ValidationIssue } from '../../errors.ts';
import { REQUIRED_CODES, REQUIRED_CONCEPTS, REQUIRED_GRAMMARS } from './generated/codes.ts';
import { CODE_SYSTEMS as FHIR } from './generated/code-systems-fhir.ts';
import { CODE_SYSTEMS as THO } from './generated/code-systems-tho.ts';
import { report } from './report.ts';

const FHIR_PREFIX = 'http://hl7.org/fhir/';
const THO_PREFIX = 'http://terminology.hl7.org/CodeSystem/';

/** Code lists read into sets on first use (most validations meet a handful of systems). */
const sets = new Map<string, Set<string> | null>();

/** `list` as a set: space-separated, or separated by its first character when that is `|` or a tab. */
function parse(list: string): Set<string> {
  const sep = list[0] === '|' || list[0] === '\t' ? list[0] : ' ';
  return new Set((sep === ' ' ? list : list.slice(1)).split(sep));
}

/** The codes of a known code system, or undefined when the SDK does not hold it. */
export function codeSystem(system: string): Set<string> | undefined {
  let set = sets.get(system);
  if (set === undefined) {
    const table = system.startsWith(THO_PREFIX)
      ? THO
      : system.startsWith(FHIR_PREFIX)
        ? FHIR
        : undefined;
    const name = system.slice(table === THO ? THO_PREFIX.length : FHIR_PREFIX.length);
    set = table && Object.hasOwn(table, name) ? parse(table[name]!) : null;
    sets.set(system, set);
  }
  return set ?? undefined;
}

/**
 * Check a Coding (`path` spells where it is): a code of a known system must exist in it, unless
 * the Coding names a version of the system (the SDK holds R4's edition only).
 */
export function checkCoding(
  coding: Record<string, unknown>,
  path: () => string,
  issues: ValidationIssue[],
): void {
  const { system, code } = coding;
  // A Coding that names its code system's version may use a later edition than R4's copy.
  if (typeof system !== 'string' || typeof code !== 'string' || coding.version !== undefined)
    return;
  const codes = codeSystem(system);
  if (codes && !codes.has(code))
    report(
      issues,
      path() + '.code',
      'code-invalid',
      `Code "${code}" does not exist in code system ${system}.`,
      `Mã "${code}" không có trong hệ mã ${system}.`,
    );
}

const required = new Map<string, Set<string>>();

/** Whether element `key` of `type` has a required value set that only this level checks. */
export const isRequiredCode = (type: string, key: string): boolean =>
  Object.hasOwn(REQUIRED_CODES, type + '.' + key) ||
  Object.hasOwn(REQUIRED_GRAMMARS, type + '.' + key);

/** RFC 6838 `type/subtype` with RFC 2045 parameters (BCP 13, the `mimetypes` value set). */
const MIME =
  /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}(?:\s*;\s*[\w!#$&^.+-]+=(?:"[^"]*"|[^\s;"]+))*$/;
/** The grammars of the code systems that are not lists, by value set id. */
const GRAMMARS: Record<string, [RegExp, string, string]> = {
  mimetypes: [MIME, 'a media type such as application/pdf', 'một kiểu media như application/pdf'],
  currencies: [
    /^[A-Z]{3}$/,
    'an ISO 4217 currency code such as VND',
    'mã tiền tệ ISO 4217 như VND',
  ],
};
/** `CapabilityStatement.format` also takes the short names (R4: "xml | json | ttl | mime type"). */
const SHORT_FORMATS = new Set(['xml', 'json', 'ttl']);

/**
 * Check `code`, the value of element `key` of type `type` (`CapabilityStatementRestResource`,
 * `type`), against its required value set when the structure check left it unchecked.
 */
export function checkRequiredCode(
  type: string,
  key: string,
  code: unknown,
  path: () => string,
  issues: ValidationIssue[],
): void {
  const id = type + '.' + key;
  if (typeof code !== 'string') return;
  if (Object.hasOwn(REQUIRED_GRAMMARS, id)) {
    const [re, en, vi] = GRAMMARS[REQUIRED_GRAMMARS[id]!]!;
    if (re.test(code) || (id === 'CapabilityStatement.format' && SHORT_FORMATS.has(code))) return;
    return report(
      issues,
      path(),
      'code-invalid',
      `"${code}" is not ${en}, as ${key} requires.`,
      `"${code}" không phải ${vi} như ${key} yêu cầu.`,
    );
  }
  if (!Object.hasOwn(REQUIRED_CODES, id)) return;
  let codes = required.get(id);
  if (!codes) required.set(id, (codes = parse(REQUIRED_CODES[id]!)));
  if (!codes.has(code))
    report(
      issues,
      path(),
      'code-invalid',
      `Code "${code}" is not in the value set required for ${key}.`,
      `Mã "${code}" không thuộc tập giá trị bắt buộc của ${key}.`,
    );
}

const concepts = new Map<string, Map<string, Set<string>>>();

/** Whether CodeableConcept or Coding element `key` of `type` has a required value set. */
export const isRequiredConcept = (type: string, key: string): boolean =>
  Object.hasOwn(REQUIRED_CONCEPTS, type + '.' + key);

/**
 * Check `value`, a CodeableConcept or a Coding at element `key` of `type` whose value set is
 * required (`AllergyIntolerance.clinicalStatus`): one of its codings must be in that value set.
 */
export function checkRequiredConcept(
  type: string,
  key: string,
  value: Record<string, unknown>,
  path: () => string,
  issues: ValidationIssue[],
): void {
  const id = type + '.' + key;
  let bySystem = concepts.get(id);
  if (!bySystem) {
    bySystem = new Map();
    for (const part of REQUIRED_CONCEPTS[id]!.split(';')) {
      const [system, ...codes] = part.split(' ');
      bySystem.set(system!, new Set(codes));
    }
    concepts.set(id, bySystem);
  }
  const codings = Array.isArray(value.coding) ? (value.coding as unknown[]) : [value];
  for (const c of codings) {
    const coding = c as Record<string, unknown> | null;
    if (bySystem.get(coding?.system as string)?.has(coding?.code as string)) return;
  }
  const allowed = [...bySystem].map(([system, codes]) => `${system} (${[...codes].join(', ')})`);
  report(
    issues,
    path(),
    'code-invalid',
    `${key} needs a code of its required value set: ${allowed.join('; ')}.`,
    `${key} cần một mã thuộc tập giá trị bắt buộc: ${allowed.join('; ')}.`,
  );
}
