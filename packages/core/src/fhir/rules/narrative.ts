/**
 * The narrative's XHTML (`Narrative.div`), read by a small XML tokenizer (no DOMParser: it runs in
 * Node and browsers alike, under a strict CSP). R4 (narrative.html, txt-1 and txt-2): one `div`
 * root in the XHTML namespace; only the basic formatting elements and attributes of HTML 4.0
 * chapters 7-11 (without 9.4, `ins`/`del`) and 15 (without the deprecated elements), `a` (name or
 * href), `img` and `style` attributes; no scripts, forms, frames, objects, head or body, no event
 * handler attributes, no active URLs; and some non-whitespace content.
 */
import type { ValidationIssue } from '../../errors.ts';
import {
  activeStyle,
  activeUrl,
  blank,
  entities,
  malformed,
  Names,
  resetText,
  same,
  type Problem,
} from './narrative-text.ts';
import { report } from './report.ts';

const XHTML = 'http://www.w3.org/1999/xhtml';

const ELEMENTS = new Set(
  (
    'div span h1 h2 h3 h4 h5 h6 address bdo em strong dfn code samp kbd var cite abbr acronym ' +
    'blockquote q sub sup p br pre ul ol li dl dt dd table caption thead tfoot tbody colgroup col ' +
    'tr th td tt i b big small hr a img'
  ).split(' '),
);

/** The allowed elements. */
const ELEMENT_NAMES = new Names(ELEMENTS);

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
/** Every allowed attribute name, to read a name once as one shared string. */
const ATTRIBUTE_NAMES = new Names([
  ...ATTRIBUTES,
  ...Object.values(ELEMENT_ATTRIBUTES).flatMap((names) => [...names!]),
]);
/** How many attribute names have a bit in a tag's seen set: at most 64 (two 32-bit words; a test checks). */
export const ATTRIBUTE_BITS = ATTRIBUTE_NAMES.names.length;
/** The `ATTRIBUTE_NAMES` index of `xmlns`. */
const XMLNS = ATTRIBUTE_NAMES.names.indexOf('xmlns');
/** By `ATTRIBUTE_NAMES` index: allowed on any element. */
const ANYWHERE = ATTRIBUTE_NAMES.names.map((name) => ATTRIBUTES.has(name));
/**
 * By `ATTRIBUTE_NAMES` index: allowed on any element with any value (its value only needs its
 * entities checked), so `attribute` need not be asked.
 */
const PLAIN = ATTRIBUTE_NAMES.names.map(
  (name) => ATTRIBUTES.has(name) && !['xmlns', 'href', 'src', 'style'].includes(name),
);

/** The index after the XML white space from `j` on. */
function skip(s: string, j: number): number {
  for (let c = s.charCodeAt(j); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++j));
  return j;
}

/** The hash (`Names`) of the last name `nameEnd` read. */
let nameHash = 0;
/**
 * The index after the name (`[A-Za-z_:][-A-Za-z0-9_:.]*`) at `j`, `j` when none starts there;
 * the name's hash is left in `nameHash`, so that a name is read once.
 */
function nameEnd(s: string, j: number): number {
  const first = s.charCodeAt(j);
  const l = first | 32;
  if (!((l >= 97 && l <= 122) || first === 95 || first === 58)) return j;
  let h = first;
  for (j++; j < s.length; j++) {
    const c = s.charCodeAt(j);
    const lc = c | 32;
    if (!((lc >= 97 && lc <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46))
      break;
    h = (Math.imul(h, 31) + c) | 0;
  }
  nameHash = h;
  return j;
}

/**
 * The next `<` of the narrative being read, at or after the last place looked (the reads go
 * forward): found once for the text before a tag and for the attribute values before it.
 */
let lt = -1;
function nextLt(s: string, from: number): number {
  if (lt < from) {
    const i = s.indexOf('<', from);
    lt = i < 0 ? s.length : i;
  }
  return lt;
}

/**
 * An attribute's own problem (beyond being well-formed); `known` is its `ATTRIBUTE_NAMES` index
 * (or -1), its value is `div` from `start` to `end`, cut out only for the values checked.
 */
function attribute(
  element: string,
  name: string,
  known: number,
  div: string,
  start: number,
  end: number,
): Problem | undefined {
  // A name allowed on every element is neither a handler nor out of place.
  if (known >= 0 && ANYWHERE[known]) {
    // Checked below.
  } else if ((name.charCodeAt(0) | 32) === 111 && (name.charCodeAt(1) | 32) === 110)
    return [
      `Event handler attribute ${name} is not allowed in a narrative (no active content, txt-1).`,
      `Không được dùng thuộc tính xử lý sự kiện ${name} trong narrative (không có nội dung chủ động, txt-1).`,
      'txt-1',
    ];
  else if (!ATTRIBUTES.has(name) && !ELEMENT_ATTRIBUTES[element]?.has(name))
    return [
      `Attribute ${name} is not allowed on <${element}> in a narrative (txt-1).`,
      `Không được dùng thuộc tính ${name} trên <${element}> trong narrative (txt-1).`,
      'txt-1',
    ];
  if (name === 'xmlns' && !(end - start === XHTML.length && div.startsWith(XHTML, start)))
    return [
      `The narrative must be XHTML (xmlns="${XHTML}").`,
      `Narrative phải là XHTML (xmlns="${XHTML}").`,
      'txt-1',
    ];
  if (
    ((name === 'href' || name === 'src') && activeUrl(div.slice(start, end))) ||
    (name === 'style' && activeStyle(div.slice(start, end)))
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
  resetText();
  lt = -1;
  while (i < div.length) {
    const tag = nextLt(div, i);
    if (tag > i) {
      if (closed || !open.length) {
        if (!blank(div, i, tag))
          return [
            ...out,
            malformed('text outside the root <div>', 'có chữ nằm ngoài thẻ <div> gốc'),
          ];
      } else {
        const bad = entities(div, i, tag);
        if (bad) return [...out, bad];
        if (!text && !blank(div, i, tag)) text = true;
      }
    }
    if (tag >= div.length) break;
    const next = div.charCodeAt(tag + 1);
    if (next === 33 && div.startsWith('<!--', tag)) {
      const close = div.indexOf('-->', tag + 4);
      if (close < 0) return [...out, malformed('an unclosed comment', 'chú thích chưa đóng')];
      i = close + 3;
      continue;
    }
    if (next === 33 && div.startsWith('<![CDATA[', tag)) {
      const close = div.indexOf(']]>', tag + 9);
      if (close < 0 || !open.length)
        return [
          ...out,
          malformed('a misplaced or unclosed CDATA section', 'đoạn CDATA sai chỗ hoặc chưa đóng'),
        ];
      if (!text && div.slice(tag + 9, close).trim()) text = true;
      i = close + 3;
      continue;
    }
    if (next === 33 || next === 63)
      return [
        ...out,
        malformed('a declaration or processing instruction', 'có khai báo hoặc chỉ thị xử lý'),
      ];
    const closing = next === 47;
    const nameStart = tag + (closing ? 2 : 1);
    let j = nameEnd(div, nameStart);
    if (j === nameStart)
      return [
        ...out,
        malformed(
          'a < that starts no tag (write &lt;)',
          'có ký tự < không mở thẻ nào (hãy viết &lt;)',
        ),
      ];
    if (closing) {
      // The name is compared with the open element's in place: no look-up, no string cut out.
      const end = j;
      j = skip(div, j);
      const top = open.pop();
      if (
        div.charCodeAt(j) !== 62 ||
        top === undefined ||
        top.length !== end - nameStart ||
        !same(div, nameStart, top)
      ) {
        const name = div.slice(nameStart, end);
        return [
          ...out,
          malformed(
            top ? `</${name}> where </${top}> was expected` : `an unexpected </${name}>`,
            top ? `gặp </${name}> trong khi cần </${top}>` : `thẻ đóng </${name}> thừa`,
          ),
        ];
      }
      if (!open.length) closed = true;
      i = j + 1;
      continue;
    }
    const element = ELEMENT_NAMES.find(div, nameStart, j, nameHash);
    const allowed = element < 0 ? undefined : ELEMENT_NAMES.names[element];
    const name = allowed ?? div.slice(nameStart, j);
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
    // The allowed attributes seen, as bits by `ATTRIBUTE_NAMES` index (two words); others (rare)
    // in a list made at the first.
    let seenLow = 0;
    let seenHigh = 0;
    let seenOther: string[] | undefined;
    // Attributes, up to `>` or `/>`.
    for (;;) {
      const before = j;
      j = skip(div, j);
      const c = div.charCodeAt(j);
      if (c === 62 || (c === 47 && div.charCodeAt(j + 1) === 62)) break;
      const attrEnd = j > before ? nameEnd(div, j) : j;
      if (attrEnd === j)
        return [...out, malformed(`a broken tag <${name}>`, `thẻ <${name}> bị hỏng`)];
      const known = ATTRIBUTE_NAMES.find(div, j, attrEnd, nameHash);
      const attr = known < 0 ? div.slice(j, attrEnd) : ATTRIBUTE_NAMES.names[known]!;
      j = skip(div, attrEnd);
      const eq = div.charCodeAt(j) === 61;
      const q = skip(div, j + 1);
      const quote = div.charCodeAt(q);
      const valueStart = q + 1;
      if (!eq || (quote !== 34 && quote !== 39))
        return [
          ...out,
          malformed(
            `attribute ${attr} has no quoted value`,
            `thuộc tính ${attr} không có giá trị trong ngoặc kép`,
          ),
        ];
      const valueEnd = div.indexOf(quote === 34 ? '"' : "'", valueStart);
      if (valueEnd < 0 || nextLt(div, valueStart) < valueEnd)
        return [
          ...out,
          malformed(`attribute ${attr} is not closed`, `thuộc tính ${attr} chưa đóng`),
        ];
      const bit = 1 << (known & 31);
      if (known < 0 ? seenOther?.includes(attr) : (known < 32 ? seenLow : seenHigh) & bit)
        return [
          ...out,
          malformed(`attribute ${attr} appears twice`, `thuộc tính ${attr} xuất hiện hai lần`),
        ];
      if (known < 0) (seenOther ??= []).push(attr);
      else if (known < 32) seenLow |= bit;
      else seenHigh |= bit;
      const bad =
        entities(div, valueStart, valueEnd) ??
        (known >= 0 && PLAIN[known]
          ? undefined
          : attribute(name, attr, known, div, valueStart, valueEnd));
      if (bad) {
        if (!bad[2]) return [...out, bad];
        out.push(bad);
      }
      j = valueEnd + 1;
    }
    if (root && !((XMLNS < 32 ? seenLow : seenHigh) & (1 << (XMLNS & 31))))
      out.push([
        `The narrative's <div> must declare the XHTML namespace (xmlns="${XHTML}").`,
        `Thẻ <div> của narrative phải khai báo không gian tên XHTML (xmlns="${XHTML}").`,
        'txt-1',
      ]);
    const gt = div.charCodeAt(j) === 62;
    if (gt) open.push(name);
    else if (root) closed = true;
    if (name === 'img') text = true;
    i = j + (gt ? 1 : 2);
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

/**
 * Check the XHTML `div` of a Narrative at `path` (`Patient.text.div`; or a function that spells
 * it, called only when there is something to report).
 */
export function checkNarrative(
  div: string,
  path: string | (() => string),
  issues: ValidationIssue[],
): void {
  const found = problems(div);
  if (!found.length) return;
  const at = typeof path === 'string' ? path : path();
  for (const [en, vi, key] of found) report(issues, at, 'narrative', en, vi, key);
}
