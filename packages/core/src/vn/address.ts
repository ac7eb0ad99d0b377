/** Vietnamese address display, before and after the 2025 reform. */
import type { Address, Extension } from '../fhir/index.ts';

/** The display text of a VN Core address extension (`…province`, `…ward`), any flavour. */
export function addressExtension(
  address: Address,
  suffix: 'province' | 'ward',
): string | undefined {
  const ext = address.extension?.find((e: Extension) => e.url.endsWith(suffix));
  return (
    ext?.valueCoding?.display ??
    ext?.valueCodeableConcept?.text ??
    ext?.valueString ??
    ext?.valueCoding?.code
  );
}

/** Options of `formatAddress`. */
export interface FormatAddressOptions {
  /**
   * `old`: street, ward, district, province (records before 1 July 2025); `new`: street, commune,
   * province (no districts); `auto`: `old` when the address has a district.
   * @default 'auto'
   */
  style?: 'auto' | 'old' | 'new';
  /**
   * Use `Address.text` when present.
   * @default true
   */
  preferText?: boolean;
}

/**
 * One line for display, smallest unit first: `12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh`
 * (new) or `12 Lê Lợi, Phường Bến Nghé, Quận 1, Hồ Chí Minh` (old). NFC-normalised.
 */
export function formatAddress(
  address: Address | undefined,
  options: FormatAddressOptions = {},
): string {
  if (!address) return '';
  if (options.preferText !== false && address.text?.trim())
    return address.text.trim().normalize('NFC');
  const style =
    options.style && options.style !== 'auto' ? options.style : address.district ? 'old' : 'new';
  const parts = [
    ...(address.line ?? []),
    addressExtension(address, 'ward'),
    style === 'old' ? address.district : undefined,
    address.city,
    addressExtension(address, 'province') ?? address.state,
  ];
  const seen = new Set<string>();
  return parts
    .map((p) => p?.trim().normalize('NFC'))
    .filter((p): p is string => Boolean(p) && !seen.has(p!) && Boolean(seen.add(p!)))
    .join(', ');
}
