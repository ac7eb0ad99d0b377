/** CCCD and BHYT numbers: validation and masking (issue #4 adds parsing). */

/** True when `value` has the CCCD shape: exactly 12 digits. */
export function isValidCccd(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/**
 * True when `value` has one of the BHYT shapes: the legacy 15-character code (2 letters, 1 digit,
 * 2 province digits, 10-digit BHXH number), the 10-digit BHXH number, or since 2025 the CCCD.
 */
export function isValidBhyt(value: string): boolean {
  return /^[A-Z]{2}\d{13}$/.test(value) || /^\d{10}$/.test(value) || isValidCccd(value);
}

/**
 * Mask an identifier for display, keeping the last `visible` characters.
 *
 * @example maskIdentifier('001085012345') // '••••••••2345'
 */
export function maskIdentifier(value: string, visible = 4): string {
  if (value.length <= visible) return '•'.repeat(value.length);
  return '•'.repeat(value.length - visible) + value.slice(-visible);
}
