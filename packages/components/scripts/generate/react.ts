// `@vnhealth/components/react`: one `@lit/react` wrapper per element, its events as
// `onVnhBooked`-style props typed with their event classes. The module registers nothing: the
// page imports `@vnhealth/components/define.js` (or one element's define.js), as for every
// framework.
import { pascal, type ElementModel } from './manifest.ts';
import { HEADER } from './types.ts';

/** `vnh-booked` → `onVnhBooked`, `change` → `onChange`. */
export function reactEventProp(event: string): string {
  return `on${pascal(event)}`;
}

function eventEntries(el: ElementModel, value: (name: string, eventClass: string) => string) {
  return el.events
    .map((e) => `    ${reactEventProp(e.name)}: ${value(e.name, e.eventClass)},\n`)
    .join('');
}

/** `react/index.js`. */
export function reactModule(elements: ElementModel[]): string {
  let out = `${HEADER}import * as React from 'react';\nimport { createComponent } from '@lit/react';\n`;
  out += `import {\n${elements.map((el) => `  ${el.className} as ${el.className}Element,\n`).join('')}} from '@vnhealth/components';\n`;
  for (const el of elements) {
    out += `\n/** \`<${el.tag}>\` for React. */\n`;
    out += `export const ${el.className} = /* @__PURE__ */ createComponent({\n`;
    out += `  react: React,\n  tagName: '${el.tag}',\n  elementClass: ${el.className}Element,\n`;
    out += `  displayName: '${el.className}',\n`;
    out += el.events.length
      ? `  events: {\n${eventEntries(el, (n) => `'${n}'`).replace(/^ {4}/gm, '    ')}  },\n`
      : '';
    out += `});\n`;
  }
  return out;
}

/** `react/index.d.ts`. */
export function reactTypesModule(elements: ElementModel[]): string {
  const imports = new Set<string>();
  for (const el of elements)
    for (const e of el.events) if (e.eventClass !== 'Event') imports.add(e.eventClass);
  let out = `${HEADER}import type { EventName, ReactWebComponent } from '@lit/react';\n`;
  out += `import type {\n${elements.map((el) => `  ${el.className} as ${el.className}Element,\n`).join('')}`;
  out += [...imports]
    .sort()
    .map((n) => `  ${n},\n`)
    .join('');
  out += `} from '@vnhealth/components';\n`;
  for (const el of elements) {
    const summary = el.summary ? ` ${el.summary.replace(/\*\//g, '*\\/')}` : '';
    out += `\n/**\n * \`<${el.tag}>\` for React.${summary}\n`;
    for (const e of el.events)
      out += ` * @prop ${reactEventProp(e.name)} - \`${e.name}\`${e.description ? `: ${e.description.replace(/\*\//g, '*\\/')}` : ''}\n`;
    out += ` */\nexport declare const ${el.className}: ReactWebComponent<${el.className}Element`;
    out += el.events.length
      ? `, {\n${eventEntries(el, (_, cls) => `EventName<${cls}>`).replace(/,\n/g, ';\n')}}>;\n`
      : '>;\n';
  }
  return out;
}
