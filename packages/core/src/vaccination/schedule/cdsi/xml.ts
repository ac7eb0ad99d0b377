/**
 * A small XML reader for the CDC's supporting data: well-formed element trees with text,
 * attributes, the five predefined entities and numeric character references, CDATA sections,
 * comments, processing instructions and a DOCTYPE without an internal subset
 * (docs/decisions/0030-cdsi-engine.md). Not a general XML parser: no namespaces
 * resolution, no DTD entities; a malformed document throws a `SyntaxError` with its offset.
 *
 * @module
 */

/** An element: its name, attributes, child elements and text (concatenated, trimmed). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new SyntaxError(`Unknown XML entity ${m} near offset ${at}`);
    return e;
  });
}

const NAME = /[A-Za-z_:][-\w:.]*/y;
const ATTR = /\s*([A-Za-z_:][-\w:.]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

/**
 * Parse an XML document into its root element.
 *
 * @example
 * parseXml('<a x="1">b &amp; <c/>d</a>'); // { name: 'a', attributes: { x: '1' }, text: 'b & d', children: [{ name: 'c', … }] }
 */
export function parseXml(source: string): XmlElement {
  const stack: { el: XmlElement; text: string[] }[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}`);
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      const top = stack.at(-1);
      if (top) top.text.push(decode(raw, i));
      else if (raw.trim()) fail('Text outside the root element');
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end === -1) fail('Unclosed comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      if (end === -1) fail('Unclosed CDATA section');
      const top = stack.at(-1) ?? fail('CDATA outside the root element');
      top.text.push(source.slice(i + 9, end));
      i = end + 3;
    } else if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2);
      if (end === -1) fail('Unclosed processing instruction');
      i = end + 2;
    } else if (source.startsWith('<!', i)) {
      const end = source.indexOf('>', i + 2);
      if (end === -1 || source.slice(i, end).includes('[')) fail('Unsupported DOCTYPE');
      i = end + 1;
    } else if (source.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(source) ?? fail('Bad end tag');
      const top = stack.pop() ?? fail(`Unexpected </${m[0]}>`);
      if (top.el.name !== m[0]) fail(`Expected </${top.el.name}>, found </${m[0]}>`);
      top.el.text = top.text.join('').trim();
      i = source.indexOf('>', NAME.lastIndex) + 1;
      if (i === 0) fail('Unclosed end tag');
      if (!stack.length) root = top.el;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(source) ?? fail('Bad start tag');
      const el: XmlElement = { name: m[0], attributes: {}, children: [], text: '' };
      let j = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = j;
        const a = ATTR.exec(source);
        if (!a) break;
        el.attributes[a[1]!] = decode(a[3] ?? a[4] ?? '', j);
        j = ATTR.lastIndex;
      }
      while (j < source.length && /\s/.test(source[j]!)) j += 1;
      const selfClosing = source.startsWith('/>', j);
      if (!selfClosing && source[j] !== '>') fail(`Malformed <${el.name}>`);
      i = j + (selfClosing ? 2 : 1);
      const parent = stack.at(-1);
      if (parent) parent.el.children.push(el);
      else if (root || stack.length) fail('A second root element');
      if (selfClosing) {
        if (!parent) root = el;
      } else stack.push({ el, text: [] });
    }
  }
  if (stack.length) throw new SyntaxError(`Unclosed <${stack.at(-1)!.el.name}>`);
  if (!root) throw new SyntaxError('No root element');
  return root;
}

/** The first child element with this name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every child element with this name. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The text of the first child element with this name ('' when absent or empty). */
export function textOf(el: XmlElement | undefined, name: string): string {
  return child(el, name)?.text ?? '';
}
