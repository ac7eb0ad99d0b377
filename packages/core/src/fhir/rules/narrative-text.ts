/**
 * The narrative's text and attribute values, for the XHTML reader of `narrative.ts`: names looked
 * up in place, entities and character references, blank text, script URLs and active styles. Each
 * check reads char codes and only runs a regular expression (or cuts a string) when a cheap test
 * of the characters says the answer may be yes, so the common text costs a scan and no allocation.
 */

/** Where a narrative went wrong: the message in English and Vietnamese, and the rule. */
export type Problem = [en: string, vi: string, key: 'txt-1' | 'txt-2' | undefined];

/** A well-formedness error (no rule key: the XHTML cannot be read at all). */
export const malformed = (what: string, whatVi: string): Problem => [
  `The narrative is not well-formed XHTML: ${what}.`,
  `Phần tường thuật (narrative) không phải XHTML hợp lệ: ${whatVi}.`,
  undefined,
];

/** A hash of `s` from `start` to `end`, as `nameEnd` computes it while reading a name. */
function hash(s: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Whether `s` holds `name` at `start`, compared char by char (names are short). */
export function same(s: string, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++)
    if (s.charCodeAt(start + k) !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * Names found by the hash of their characters and checked in place: the allowed
 * names are looked up without cutting a string out of the narrative for every tag, attribute or
 * entity. An open-addressing table of small integers (a `Map` keyed by 32-bit hashes would box
 * most of them).
 */
export class Names {
  /** The names, by the index `find` answers. */
  readonly names: readonly string[];
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  constructor(names: Iterable<string>) {
    this.names = [...new Set(names)];
    let size = 16;
    while (size < this.names.length * 4) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    this.names.forEach((name, index) => {
      const h = hash(name, 0, name.length);
      let slot = (h ^ (h >>> 15)) & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
      this.hashes[slot] = h;
    });
  }
  /** The index of the name that `s` holds from `start` to `end` (hashed `h`), or -1. */
  find(s: string, start: number, end: number, h: number): number {
    for (let slot = (h ^ (h >>> 15)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot]!;
      if (index < 0) return -1;
      if (this.hashes[slot] !== h) continue;
      const name = this.names[index]!;
      if (name.length === end - start && same(s, start, name)) return index;
    }
  }
}

/** The character entities of HTML 4.0 and XML's `apos`. */
const ENTITIES = new Names(
  (
    'quot amp lt gt apos nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg ' +
    'macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 ' +
    'iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave ' +
    'Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc ' +
    'Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
    'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave ' +
    'uacute ucirc uuml yacute thorn yuml fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota ' +
    'Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma ' +
    'delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon ' +
    'phi chi psi omega thetasym upsih piv bull hellip prime Prime oline frasl weierp image real ' +
    'trade alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty ' +
    'nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4 sim ' +
    'cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor ' +
    'rfloor lang rang loz spades clubs hearts diams OElig oelig Scaron scaron Yuml circ tilde ensp ' +
    'emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger Dagger ' +
    'permil lsaquo rsaquo euro'
  ).split(' '),
);

/**
 * The next `&` of the narrative being read, at or after the last place looked: the reads go
 * forward, so each `&` is searched for once (a search per text run would scan to the next `&`
 * however far, quadratic in a long table).
 */
let amp = -1;
const nextAmp = (text: string, from: number) => {
  const i = text.indexOf('&', from);
  return (amp = i < 0 ? text.length : i);
};
/** Starts reading a new narrative (forgets the `&` found in the last). */
export function resetText(): void {
  amp = -1;
}

const bare = () => malformed('a bare & (write &amp;)', 'có ký tự & đứng riêng (hãy viết &amp;)');

/** Checks the text between tags (and attribute values): every `&` starts a known entity. */
export function entities(text: string, start: number, end: number): Problem | undefined {
  if (amp < start) nextAmp(text, start);
  for (let i = amp; i < end; i = nextAmp(text, i + 1)) {
    const bad = entity(text, i, end);
    if (bad) return bad;
  }
  return undefined;
}

/** A hexadecimal digit's value, or -1. */
const hexDigit = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;

/**
 * Checks the entity or character reference at the `&` at `i`, ending by `end`:
 * `&#` 1-7 digits `;`, `&#x` 1-6 hex digits `;`, or `&` a known name `;`.
 */
function entity(s: string, i: number, end: number): Problem | undefined {
  let j = i + 1;
  let c = s.charCodeAt(j);
  if (c === 35) {
    const hex = s.charCodeAt(j + 1) === 120;
    j += hex ? 2 : 1;
    const start = j;
    let code = 0;
    for (; ; j++) {
      c = s.charCodeAt(j);
      const digit = hex ? hexDigit(c) : c >= 48 && c <= 57 ? c - 48 : -1;
      if (digit < 0) break;
      code = code * (hex ? 16 : 10) + digit;
    }
    if (j === start || j - start > (hex ? 6 : 7) || c !== 59 || j >= end) return bare();
    if (code === 0 || code > 0x10ffff)
      return malformed('a character reference out of range', 'tham chiếu ký tự ngoài phạm vi');
    return undefined;
  }
  if (!((c | 32) >= 97 && (c | 32) <= 122)) return bare();
  let h = c;
  for (c = s.charCodeAt(++j); ; c = s.charCodeAt(++j)) {
    if (!((c | 32) >= 97 && (c | 32) <= 122) && !(c >= 48 && c <= 57)) break;
    h = (Math.imul(h, 31) + c) | 0;
  }
  if (c !== 59 || j >= end) return bare();
  if (ENTITIES.find(s, i + 1, j, h) < 0) {
    const name = s.slice(i + 1, j);
    return malformed(`unknown entity &${name};`, `thực thể không xác định &${name};`);
  }
  return undefined;
}

/** Whether `text` from `start` to `end` holds only white space and non-breaking spaces. */
export function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) continue;
    if (
      c === 38 &&
      (text.startsWith('&nbsp;', i) ||
        text.startsWith('&#160;', i) ||
        text.startsWith('&#xa0;', i) ||
        text.startsWith('&#xA0;', i))
    ) {
      i += 5;
      continue;
    }
    return false;
  }
  return true;
}

/** An attribute value with its character references read (`&#106;avascript:` is `javascript:`). */
const decode = (value: string) =>
  value.includes('&')
    ? value.replace(
        /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|(colon|tab|newline));/g,
        (_, dec, hex, name) =>
          name
            ? ({ colon: ':', tab: '\t', newline: '\n' } as Record<string, string>)[name as string]!
            : String.fromCodePoint(Math.min(dec ? +dec : parseInt(hex as string, 16), 0x10ffff)),
      )
    : value;

/** A URL scheme that runs code, after the control characters and spaces browsers ignore. */
const ACTIVE_URL =
  /^(?:javascript|vbscript|livescript|data(?!:image\/(?:png|gif|jpeg|webp)[;,]))\s*:/i;

/** Whether `c` is dropped before a URL's scheme is read (`[\s\p{Cc}]`). */
const ignored = (c: number) =>
  c <= 32 ||
  (c >= 0x7f && c <= 0xa0) ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/**
 * How many characters (not dropped) of a URL `ACTIVE_URL` reads at most: `livescript:`, or
 * `data:image/jpeg;`.
 */
const SCHEME_LENGTH = 24;

/**
 * Whether an `href` or `src` value runs code. Without character references, only the start of the
 * value is read (the scheme, after the dropped characters), not a whole `data:` image.
 */
export function activeUrl(value: string): boolean {
  if (value.includes('&')) return ACTIVE_URL.test(decode(value).replace(/[\s\p{Cc}]+/gu, ''));
  let end = 0;
  while (ignored(value.charCodeAt(end))) end++;
  // ACTIVE_URL's schemes start with j, v, l or d: another printable ASCII start is none of them.
  const first = value.charCodeAt(end) | 32;
  if (
    end < value.length &&
    first < 127 &&
    first !== 106 &&
    first !== 118 &&
    first !== 108 &&
    first !== 100
  )
    return false;
  let dropped = end > 0;
  for (let kept = 0; end < value.length && kept < SCHEME_LENGTH; end++)
    if (!ignored(value.charCodeAt(end))) kept++;
    else dropped = true;
  const start = value.slice(0, end);
  return ACTIVE_URL.test(dropped ? start.replace(/[\s\p{Cc}]+/gu, '') : start);
}

/** What a style attribute must not hold: IE's `expression()`, script URLs, imports, bindings. */
const ACTIVE_STYLE =
  /expression\s*\(|javascript\s*:|vbscript\s*:|@import|behavior\s*:|-moz-binding/i;
/** What every match of `ACTIVE_STYLE` holds (j, z, @, vbs, vio or xpr): most styles do not. */
const STYLE_HINT = /[jz@]|vbs|vio|xpr/i;

/** Whether a style value is active (`ACTIVE_STYLE`, after its character references are read). */
export function activeStyle(value: string): boolean {
  const s = decode(value);
  return STYLE_HINT.test(s) && ACTIVE_STYLE.test(s);
}
