/**
 * FHIRPath comparison of `date`, `dateTime`, `instant` and `time` strings with partial precision
 * (FHIRPath §6.1.4): values that both have a time are compared as instants (time zones applied);
 * otherwise component by component, and when one is more precise and they agree as far as both go,
 * the result is empty (`null`), not equal.
 */

const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/** Whether two date/time strings of one length have no time, or the same zone suffix. */
function sameZone(a: string, b: string): boolean {
  if (a.length <= 10) return true;
  const n = a.length;
  if (a.charCodeAt(n - 1) === 90) return b.charCodeAt(n - 1) === 90; // 'Z'
  const sign = a[n - 6];
  return (sign === '+' || sign === '-') && a.slice(n - 6) === b.slice(n - 6);
}

/** Date parts (year, month, day) and, when a time is there, the instant in milliseconds. */
interface Parsed {
  parts: number[];
  instant?: number;
}

function parseDateTime(s: string): Parsed | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number);
  if (m[4] === undefined) return { parts };
  const tz = m[7];
  const offset =
    !tz || tz === 'Z'
      ? 0
      : (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4)));
  const instant =
    Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!, Number(m[4]), Number(m[5])) +
    Number(m[6] ?? 0) * 1000 -
    offset * 60000;
  return { parts, instant };
}

function compareParts(a: number[], b: number[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length === b.length ? 0 : null;
}

/**
 * The order of two date/time strings: negative, zero or positive; `null` when the precisions
 * differ and they agree as far as both go; `undefined` when they are not both dates or times.
 */
export function compareFhirDates(a: string, b: string): number | null | undefined {
  const c0 = a.charCodeAt(0);
  const d0 = b.charCodeAt(0);
  if (c0 < 48 || c0 > 57 || d0 < 48 || d0 > 57) return undefined;
  // Fast path: same precision and same zone, so the strings order as the times do.
  if (a.length === b.length && sameZone(a, b) && DATE_TIME.test(a) && DATE_TIME.test(b))
    return a < b ? -1 : a > b ? 1 : 0;
  const ta = TIME.exec(a);
  const tb = TIME.exec(b);
  if (ta && tb) {
    return compareParts(
      ta
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number),
      tb
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number),
    );
  }
  const x = parseDateTime(a);
  const y = parseDateTime(b);
  if (!x || !y) return undefined;
  if (x.instant !== undefined && y.instant !== undefined) return x.instant - y.instant;
  const order = compareParts(x.parts, y.parts);
  // A date and a dateTime on that date: different precisions.
  return order === 0 && (x.instant !== undefined) !== (y.instant !== undefined) ? null : order;
}
