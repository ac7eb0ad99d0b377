import type { HumanName } from '@medplum/fhirtypes';
import { FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE } from './data.ts';
import type { Rng } from './random.ts';

export interface VnName {
  family: string;
  given: string[];
  text: string;
}

/** A Vietnamese name (family name first), NFC. */
export function randomName(rng: Rng, gender: 'male' | 'female'): VnName {
  const family = rng.weighted(FAMILY_NAMES);
  const middle = rng.pick(gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = rng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  return makeName(family, [middle, given]);
}

export function makeName(family: string, given: string[]): VnName {
  return {
    family: family.normalize('NFC'),
    given: given.map((g) => g.normalize('NFC')),
    text: [family, ...given].join(' ').normalize('NFC'),
  };
}

/** HumanName with `text` always set (VN Core hl7vn requires it) plus family/given. */
export function humanName(name: VnName, prefix?: string): HumanName {
  return {
    use: 'official',
    text: name.text,
    family: name.family,
    given: name.given,
    ...(prefix ? { prefix: [prefix] } : {}),
  };
}

/** ASCII slug of a Vietnamese name for e-mail addresses. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}
