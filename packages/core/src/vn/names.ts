import type { HumanName } from '../fhir/index.ts';

/** Pick the name to show: `official`, then `usual`, then the first one without an end date. */
export function preferredName(names: readonly HumanName[] | undefined): HumanName | undefined {
  if (!names?.length) return undefined;
  const current = names.filter((n) => !n.period?.end);
  const pool = current.length ? current : names;
  return pool.find((n) => n.use === 'official') ?? pool.find((n) => n.use === 'usual') ?? pool[0];
}

/**
 * A Vietnamese display name: `HumanName.text` when present, otherwise family name first then the
 * given names (`Nguyễn Văn An`). Returns '' when there is nothing to show.
 */
export function formatName(name: HumanName | readonly HumanName[] | undefined): string {
  const one = Array.isArray(name)
    ? preferredName(name as HumanName[])
    : (name as HumanName | undefined);
  if (!one) return '';
  const text = one.text?.trim();
  if (text) return text.normalize('NFC');
  return [one.family, ...(one.given ?? [])]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(' ')
    .normalize('NFC');
}

/**
 * The name to send: the same object when it has `text`, otherwise a copy with `text` built from
 * family + given (VN Core expects `HumanName.text`). Never changes its argument.
 *
 * @example withNameText({ family: 'Nguyễn', given: ['Văn', 'An'] }).text // 'Nguyễn Văn An'
 */
export function withNameText(name: HumanName): HumanName {
  if (name.text?.trim()) return name;
  const text = formatName(name);
  return text ? { ...name, text } : name;
}
