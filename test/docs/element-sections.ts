// Holds the components README's element sections (`## \`<vnh-…>\``) to the manifest both ways:
// every attribute, event, slot, part and CSS custom property the manifest lists for the element
// is named in its section, and every name in the section's API tables is one the manifest has.
import type { ElementApi } from './manifest.ts';

/** One `## \`<vnh-…>\`` section. */
export interface ElementSection {
  tag: string;
  /** 1-based line of the heading. */
  line: number;
  lines: string[];
}

/** The element sections of a Markdown text. */
export function elementSections(markdown: string): ElementSection[] {
  const sections: ElementSection[] = [];
  let current: ElementSection | undefined;
  markdown.split('\n').forEach((text, i) => {
    if (/^#{1,2} /.test(text)) {
      const tag = /^## `<(vnh-[a-z-]+)>`\s*$/.exec(text)?.[1];
      current = tag ? { tag, line: i + 1, lines: [] } : undefined;
      if (current) sections.push(current);
    } else current?.lines.push(text);
  });
  return sections;
}

/** Attributes every element inherits from `VnhElement`, documented once for all. */
const SHARED_ATTRIBUTES = new Set(['lang', 'theme']);

const codeSpans = (text: string): string[] =>
  [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());

/** Split a Markdown table row into cells (`\|` stays inside a cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

type TableKind = 'attribute' | 'event' | 'slot' | 'part' | 'css';

function tableKind(header: string): TableKind | undefined {
  const first = header.toLowerCase();
  if (first === 'attribute') return 'attribute';
  if (first === 'event') return 'event';
  if (first === 'slot') return 'slot';
  if (first === 'part') return 'part';
  if (first === 'css custom property') return 'css';
  return undefined;
}

/** Problems of one section against its element's manifest entry, as `line: message`. */
export function checkSection(
  section: ElementSection,
  api: ElementApi,
): { line: number; message: string }[] {
  const problems: { line: number; message: string }[] = [];
  const known: Record<TableKind, ReadonlySet<string> | ReadonlyMap<string, string>> = {
    attribute: api.attributes,
    event: api.events,
    slot: api.slots,
    part: api.parts,
    css: api.cssProperties,
  };
  const tabled: Record<TableKind, Set<string>> = {
    attribute: new Set(),
    event: new Set(),
    slot: new Set(),
    part: new Set(),
    css: new Set(),
  };

  // Every row of the section's API tables names something the manifest has.
  let kind: TableKind | undefined;
  let inTable = false;
  let propertyColumn = -1;
  let defaultColumn = -1;
  section.lines.forEach((text, i) => {
    const line = section.line + 1 + i;
    if (!text.trim().startsWith('|')) {
      inTable = false;
      return;
    }
    const row = cells(text);
    if (!inTable) {
      inTable = true;
      kind = tableKind(row[0]!);
      propertyColumn = row.findIndex((c) => c.toLowerCase() === 'property');
      defaultColumn = row.findIndex((c) => c.toLowerCase() === 'default');
      return;
    }
    if (row.every((c) => /^:?-+:?$/.test(c)) || !kind) return;
    const first = codeSpans(row[0]!)[0];
    if (first) {
      tabled[kind].add(first);
      if (!known[kind].has(first)) {
        problems.push({ line, message: `<${api.tag}> has no ${kind} \`${first}\` (manifest)` });
      }
    }
    const stated = first && defaultColumn >= 0 ? codeSpans(row[defaultColumn] ?? '')[0] : undefined;
    const actual = first ? api.defaults.get(first) : undefined;
    if (stated !== undefined && actual !== undefined && stated !== actual) {
      problems.push({
        line,
        message: `<${api.tag}> \`${first}\`: the manifest's default is \`${actual}\`, not \`${stated}\``,
      });
    }
    const property = propertyColumn >= 0 ? codeSpans(row[propertyColumn] ?? '')[0] : undefined;
    if (property && !api.properties.has(property.replace(/^\./, ''))) {
      problems.push({
        line,
        message: `<${api.tag}> has no public property \`${property}\` (manifest)`,
      });
    }
  });

  // Every attribute, event, named slot, part and CSS property has its row.
  const isProvider = api.tag === 'vnh-provider';
  for (const k of Object.keys(known) as TableKind[]) {
    for (const name of known[k].keys()) {
      if (!name || (k === 'attribute' && !isProvider && SHARED_ATTRIBUTES.has(name))) continue;
      if (!tabled[k].has(name)) {
        problems.push({
          line: section.line,
          message: `<${api.tag}>: its ${k} \`${name}\` has no row in the section's ${k} table`,
        });
      }
    }
  }
  return problems;
}
