/**
 * The narrative's XHTML (`Narrative.div`), read by a small XML tokenizer (no DOMParser: it runs in
 * Node and browsers alike, under a strict CSP). R4 (narrative.html, txt-1 and txt-2): one `div`
 * root in the XHTML namespace; only the basic formatting elements and attributes of HTML 4.0
 * chapters 7-11 (without 9.4, `ins`/`del`) and 15 (without the deprecated elements), `a` (name or
 * href), `img` and `style` attributes; no scripts, forms, frames, objects, head or body, no event
 * handler attributes, no active URLs; and some non-whitespace content.
 */
import type { ValidationIssue } from '../../errors.ts';
import { report } from './report.ts';

const XHTML = 'http://www.w3.org/1999/xhtml';

const ELEMENTS = new Set(
  (
    'div span h1 h2 h3 h4 h5 h6 address bdo em strong dfn code samp kbd var cite abbr acronym ' +
    'blockquote q sub sup p br pre ul ol li dl dt dd table caption thead tfoot tbody colgroup col ' +
    'tr th td tt i b big small hr a img'
  ).split(' '),
);

/**
 * A tag name as a number (lower-case letters and digits, up to 10 of them), or -1: the allowed
 * names are found by number, without cutting a string out of the narrative for every tag.
 */
function nameKey(s: string, start: number, end: number): number {
  if (end - start > 10) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const digit = keyDigit(s.charCodeAt(i));
    if (digit < 0) return -1;
    key = key * 37 + digit;
  }
  return key;
}
/** A character's digit in `nameKey` (a-z 1-26, 0-9 27-36), or -1. */
const keyDigit = (c: number) => (c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? c - 21 : -1);
/** The allowed elements by `nameKey`. */
const ELEMENT_KEYS = new Map([...ELEMENTS].map((name) => [nameKey(name, 0, name.length), name]));

/** Attributes of HTML 4.0 (core, i18n, and those of the allowed elements), any element. */
const ATTRIBUTES = new Set(
  (
    'id class style title lang xml:lang xml:space dir cite datetime summary width border frame rules ' +
    'cellspacing cellpadding align char charoff valign span rowspan colspan headers scope abbr ' +
    'axis start type value compact height nowrap bgcolor clear noshade size xmlns'
  ).split(' '),
);

/** Attributes of one element only. */
const ELEMENT_ATTRIBUTES: Record<string, Set<string> | undefined> = {
  a: new Set(['name', 'href', 'hreflang', 'rel', 'rev', 'charset', 'type']),
  img: new Set(['src', 'alt', 'longdesc', 'hspace', 'vspace']),
};

/** The character entities of HTML 4.0 and XML's `apos`. */
const ENTITIES = new Set(
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

/** The index after the XML white space from `j` on. */
function skip(s: string, j: number): number {
  for (let c = s.charCodeAt(j); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++j));
  return j;
}

/** The index after the name (`[A-Za-z_:][-A-Za-z0-9_:.]*`) at `j`; `j` when none starts there. */
function nameEnd(s: string, j: number): number {
  const first = s.charCodeAt(j) | 32;
  if (!((first >= 97 && first <= 122) || s[j] === '_' || s[j] === ':')) return j;
  for (j++; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const l = c | 32;
    if (!((l >= 97 && l <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46)) break;
  }
  return j;
}
/** The `nameKey` of the last name `tagEnd` read. */
let tagKey = -1;
/** `nameEnd`, also leaving the name's `nameKey` in `tagKey`: a tag's name is read once. */
function tagEnd(s: string, j: number): number {
  const start = j;
  const first = s.charCodeAt(j);
  const l = first | 32;
  if (!((l >= 97 && l <= 122) || first === 95 || first === 58)) {
    tagKey = -1;
    return j;
  }
  let key = keyDigit(first);
  for (j++; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const lc = c | 32;
    if (!((lc >= 97 && lc <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46))
      break;
    if (key >= 0) {
      const digit = keyDigit(c);
      key = digit < 0 ? -1 : key * 37 + digit;
    }
  }
  tagKey = j - start > 10 ? -1 : key;
  return j;
}
const ENTITY = /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]*));/y;
/** A URL scheme that runs code, after the control characters and spaces browsers ignore. */
const ACTIVE_URL =
  /^(?:javascript|vbscript|livescript|data(?!:image\/(?:png|gif|jpeg|webp)[;,]))\s*:/i;
/** What a style attribute must not hold: IE's `expression()`, script URLs, imports, bindings. */
const ACTIVE_STYLE =
  /expression\s*\(|javascript\s*:|vbscript\s*:|@import|behavior\s*:|-moz-binding/i;

/** Where a narrative went wrong: the message in English and Vietnamese, and the rule. */
type Problem = [en: string, vi: string, key: 'txt-1' | 'txt-2' | undefined];

const malformed = (what: string, whatVi: string): Problem => [
  `The narrative is not well-formed XHTML: ${what}.`,
  `Phần tường thuật (narrative) không phải XHTML hợp lệ: ${whatVi}.`,
  undefined,
];

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

/** Checks the text between tags (and attribute values): every `&` starts a known entity. */
function entities(text: string, start: number, end: number): Problem | undefined {
  if (amp < start) nextAmp(text, start);
  for (let i = amp; i < end; i = nextAmp(text, i + 1)) {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(text);
    if (!m || m.index + m[0].length > end)
      return malformed('a bare & (write &amp;)', 'có ký tự & đứng riêng (hãy viết &amp;)');
    if (m[3] && !ENTITIES.has(m[3]))
      return malformed(`unknown entity &${m[3]};`, `thực thể không xác định &${m[3]};`);
    const code = m[1] ? +m[1] : m[2] ? parseInt(m[2], 16) : 0x20;
    if (code === 0 || code > 0x10ffff)
      return malformed('a character reference out of range', 'tham chiếu ký tự ngoài phạm vi');
  }
  return undefined;
}

/** Whether `text` from `start` to `end` holds only white space and non-breaking spaces. */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) continue;
    if (c === 38) {
      const nbsp = NBSP.exec(text.slice(i, i + 8));
      if (nbsp) {
        i += nbsp[0].length - 1;
        continue;
      }
    }
    return false;
  }
  return true;
}
const NBSP = /^&(?:nbsp|#160|#x[aA]0);/;

/** An attribute value with its character references read (`&#106;avascript:` is `javascript:`). */
const decode = (value: string) =>
  value.replace(
    /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|(colon|tab|newline));/g,
    (_, dec, hex, name) =>
      name
        ? ({ colon: ':', tab: '\t', newline: '\n' } as Record<string, string>)[name as string]!
        : String.fromCodePoint(Math.min(dec ? +dec : parseInt(hex as string, 16), 0x10ffff)),
  );

/** An attribute's own problem (beyond being well-formed). */
function attribute(element: string, name: string, value: string): Problem | undefined {
  if ((name.charCodeAt(0) | 32) === 111 && (name.charCodeAt(1) | 32) === 110)
    return [
      `Event handler attribute ${name} is not allowed in a narrative (no active content, txt-1).`,
      `Không được dùng thuộc tính xử lý sự kiện ${name} trong narrative (không có nội dung chủ động, txt-1).`,
      'txt-1',
    ];
  if (!ATTRIBUTES.has(name) && !ELEMENT_ATTRIBUTES[element]?.has(name))
    return [
      `Attribute ${name} is not allowed on <${element}> in a narrative (txt-1).`,
      `Không được dùng thuộc tính ${name} trên <${element}> trong narrative (txt-1).`,
      'txt-1',
    ];
  if (name === 'xmlns' && value !== XHTML)
    return [
      `The narrative must be XHTML (xmlns="${XHTML}").`,
      `Narrative phải là XHTML (xmlns="${XHTML}").`,
      'txt-1',
    ];
  if (
    ((name === 'href' || name === 'src') &&
      ACTIVE_URL.test(decode(value).replace(/[\s\p{Cc}]+/gu, ''))) ||
    (name === 'style' && ACTIVE_STYLE.test(decode(value)))
  )
    return [
      `A script URL or active style in ${name} is not allowed in a narrative (txt-1).`,
      `Không được dùng URL script hoặc style chủ động trong ${name} của narrative (txt-1).`,
      'txt-1',
    ];
  return undefined;
}

/** Every problem of `div`, the first well-formedness error ending the read. */
function problems(div: string): Problem[] {
  const out: Problem[] = [];
  const open: string[] = [];
  let text = false;
  let closed = false;
  let i = skip(div, 0);
  amp = -1;
  while (i < div.length) {
    const lt = div.indexOf('<', i);
    const end = lt < 0 ? div.length : lt;
    if (end > i) {
      if (closed || !open.length) {
        if (!blank(div, i, end))
          return [
            ...out,
            malformed('text outside the root <div>', 'có chữ nằm ngoài thẻ <div> gốc'),
          ];
      } else {
        const bad = entities(div, i, end);
        if (bad) return [...out, bad];
        if (!text && !blank(div, i, end)) text = true;
      }
    }
    if (lt < 0) break;
    const bang = div.charCodeAt(lt + 1) === 33;
    if (bang && div.startsWith('<!--', lt)) {
      const close = div.indexOf('-->', lt + 4);
      if (close < 0) return [...out, malformed('an unclosed comment', 'chú thích chưa đóng')];
      i = close + 3;
      continue;
    }
    if (bang && div.startsWith('<![CDATA[', lt)) {
      const close = div.indexOf(']]>', lt + 9);
      if (close < 0 || !open.length)
        return [
          ...out,
          malformed('a misplaced or unclosed CDATA section', 'đoạn CDATA sai chỗ hoặc chưa đóng'),
        ];
      if (div.slice(lt + 9, close).trim()) text = true;
      i = close + 3;
      continue;
    }
    const next = div.charCodeAt(lt + 1);
    if (next === 33 || next === 63)
      return [
        ...out,
        malformed('a declaration or processing instruction', 'có khai báo hoặc chỉ thị xử lý'),
      ];
    const closing = next === 47;
    const nameStart = lt + (closing ? 2 : 1);
    let j = tagEnd(div, nameStart);
    if (j === nameStart)
      return [
        ...out,
        malformed(
          'a < that starts no tag (write &lt;)',
          'có ký tự < không mở thẻ nào (hãy viết &lt;)',
        ),
      ];
    const allowed = tagKey < 0 ? undefined : ELEMENT_KEYS.get(tagKey);
    const name = allowed ?? div.slice(nameStart, j);
    if (closing) {
      j = skip(div, j);
      const top = open.pop();
      if (div[j] !== '>' || top !== name)
        return [
          ...out,
          malformed(
            top ? `</${name}> where </${top}> was expected` : `an unexpected </${name}>`,
            top ? `gặp </${name}> trong khi cần </${top}>` : `thẻ đóng </${name}> thừa`,
          ),
        ];
      if (!open.length) closed = true;
      i = j + 1;
      continue;
    }
    if (closed) return [...out, malformed('a second root element', 'có phần tử gốc thứ hai')];
    const root = !open.length;
    if (root && name !== 'div')
      return [
        ...out,
        malformed(`the root is <${name}>, not <div>`, `phần tử gốc là <${name}>, không phải <div>`),
      ];
    if (!allowed)
      out.push([
        `Element <${name}> is not allowed in a narrative: only basic HTML formatting, no active content (txt-1).`,
        `Không được dùng thẻ <${name}> trong narrative: chỉ định dạng HTML cơ bản, không có nội dung chủ động (txt-1).`,
        'txt-1',
      ]);
    // Most tags have no attributes: the list of those seen is made at the first.
    let seen: string[] | undefined;
    // Attributes, up to `>` or `/>`.
    for (;;) {
      const before = j;
      j = skip(div, j);
      if (div[j] === '>' || div.startsWith('/>', j)) break;
      const attrEnd = j > before ? nameEnd(div, j) : j;
      if (attrEnd === j)
        return [...out, malformed(`a broken tag <${name}>`, `thẻ <${name}> bị hỏng`)];
      const attr = div.slice(j, attrEnd);
      j = skip(div, attrEnd);
      const eq = div[j] === '=';
      const q = skip(div, j + 1);
      const quote = div[q];
      const valueStart = q + 1;
      if (!eq || (quote !== '"' && quote !== "'"))
        return [
          ...out,
          malformed(
            `attribute ${attr} has no quoted value`,
            `thuộc tính ${attr} không có giá trị trong ngoặc kép`,
          ),
        ];
      const valueEnd = div.indexOf(quote, valueStart);
      const value = valueEnd < 0 ? '' : div.slice(valueStart, valueEnd);
      if (valueEnd < 0 || value.includes('<'))
        return [
          ...out,
          malformed(`attribute ${attr} is not closed`, `thuộc tính ${attr} chưa đóng`),
        ];
      if (seen?.includes(attr))
        return [
          ...out,
          malformed(`attribute ${attr} appears twice`, `thuộc tính ${attr} xuất hiện hai lần`),
        ];
      (seen ??= []).push(attr);
      const bad = entities(div, valueStart, valueEnd) ?? attribute(name, attr, value);
      if (bad) {
        if (!bad[2]) return [...out, bad];
        out.push(bad);
      }
      j = valueEnd + 1;
    }
    if (root && !seen?.includes('xmlns'))
      out.push([
        `The narrative's <div> must declare the XHTML namespace (xmlns="${XHTML}").`,
        `Thẻ <div> của narrative phải khai báo không gian tên XHTML (xmlns="${XHTML}").`,
        'txt-1',
      ]);
    if (div[j] === '>') open.push(name);
    else if (root) closed = true;
    if (name === 'img') text = true;
    i = j + (div[j] === '>' ? 1 : 2);
  }
  if (open.length)
    return [
      ...out,
      malformed(
        `<${open[open.length - 1]}> is not closed`,
        `thẻ <${open[open.length - 1]}> chưa đóng`,
      ),
    ];
  if (!text)
    out.push([
      'The narrative has no content: write some text, or leave the narrative out (txt-2).',
      'Narrative không có nội dung: hãy viết nội dung, hoặc bỏ narrative (txt-2).',
      'txt-2',
    ]);
  return out;
}

/** Check the XHTML `div` of a Narrative at `path` (`Patient.text.div`). */
export function checkNarrative(div: string, path: string, issues: ValidationIssue[]): void {
  for (const [en, vi, key] of problems(div)) report(issues, path, 'narrative', en, vi, key);
}
