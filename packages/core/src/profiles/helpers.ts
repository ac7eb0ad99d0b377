/** Typed readers for VN Core data that accept either flavour. */
import type { Address, Coding, Extension, Identifier } from '../fhir/index.ts';
import { findProvince, type Province } from '../vn/provinces.ts';
import { addressExtension } from '../vn/address.ts';
import {
  resolveProfile,
  systemsFor,
  vnCoreProfiles,
  type ExtensionKind,
  type IdentifierKind,
  type VnCoreFlavour,
  type VnCoreProfile,
} from '../kernel.ts';

/**
 * The first identifier of `kind` (CCCD, BHYT, …) under any known flavour's system, the given
 * flavour's system first.
 *
 * @example getIdentifier(patient, 'cccd')?.value // '079203001234'
 */
export function getIdentifier(
  resource: { identifier?: Identifier[] } | undefined,
  kind: IdentifierKind,
  profile?: VnCoreFlavour | VnCoreProfile,
): Identifier | undefined {
  const ids = resource?.identifier ?? [];
  const preferred = profile ? resolveProfile(profile).identifierSystems[kind] : undefined;
  const systems = systemsFor(kind);
  return (
    (preferred ? ids.find((i) => i.system === preferred) : undefined) ??
    ids.find((i) => i.system !== undefined && systems.includes(i.system))
  );
}

/** Every URL that means extension `kind` in any known flavour. */
export function extensionUrlsFor(kind: ExtensionKind): string[] {
  return Object.values(vnCoreProfiles)
    .map((p) => p.extensions[kind])
    .filter((u): u is string => Boolean(u));
}

/** The coded value of a VN Core extension (ethnicity, religion, occupation, nationality …). */
export function extensionCoding(
  resource: { extension?: Extension[] } | undefined,
  kind: ExtensionKind,
): Coding | undefined {
  const urls = extensionUrlsFor(kind);
  const ext = resource?.extension?.find((e) => urls.includes(e.url));
  if (!ext) return undefined;
  // The HL7 patient-citizenship extension nests its code in `code`.
  const inner = ext.extension?.find((e) => e.url === 'code') ?? ext;
  const concept = inner.valueCodeableConcept;
  return (
    inner.valueCoding ??
    concept?.coding?.[0] ??
    (concept?.text ? { display: concept.text } : undefined) ??
    (inner.valueString
      ? { display: inner.valueString }
      : inner.valueCode
        ? { code: inner.valueCode }
        : undefined)
  );
}

/** The patient's ethnicity (dân tộc) in either flavour; the MoH guide calls it `extension-race`. */
export function ethnicity(patient: { extension?: Extension[] } | undefined): Coding | undefined {
  return extensionCoding(patient, 'ethnicity');
}

/**
 * `findProvince` by the address's spelling, remembered: the lookup normalises every province name
 * (accents, unit words) and addresses repeat a handful of spellings. Bounded.
 */
const found = new Map<string, Province | undefined>();
function findProvinceOnce(spelling: string): Province | undefined {
  if (found.has(spelling)) return found.get(spelling);
  const hit = findProvince(spelling);
  if (found.size >= 1024) found.clear();
  found.set(spelling, hit);
  return hit;
}

/**
 * The province of an address: from the VN Core province extension, else `state`, `city` or the
 * last part of `text`. A 2025 province, or a legacy one (with its `successor`) for old records.
 */
export function provinceOf(address: Address | undefined): Province | undefined {
  if (!address) return undefined;
  const ext = address.extension?.find((e) => e.url.endsWith('province'));
  const code = ext?.valueCoding?.code;
  const candidates = [
    code && /^\d{2}$/.test(code) ? code : undefined,
    addressExtension(address, 'province'),
    address.state,
    address.city,
    address.text?.split(',').pop(),
  ];
  for (const c of candidates) {
    const hit = c?.trim() ? findProvinceOnce(c) : undefined;
    if (hit) return hit;
  }
  return undefined;
}
