// Editor data from the manifest: VS Code's HTML custom data and JetBrains' web-types, so an
// editor completes the tags, their attributes (and attribute values where the manifest lists a
// string-literal union), and shows each element's summary.
import { literalValues, type ElementModel } from './manifest.ts';

function isBoolean(type: string): boolean {
  return type.replace(/\s*\|\s*undefined/g, '').trim() === 'boolean';
}

function elementDescription(el: ElementModel): string {
  return [el.summary, el.description].filter(Boolean).join('\n\n');
}

/** `vscode.html-custom-data.json` (HTML custom data, version 1.1). */
export function vscodeData(elements: ElementModel[]): string {
  const data = {
    $schema:
      'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tag,
      description: elementDescription(el),
      attributes: el.attributes.map((a) => {
        const values = literalValues(a.type);
        return {
          name: a.name,
          ...(a.description ? { description: a.description } : {}),
          ...(isBoolean(a.type) ? { valueSet: 'v' } : {}),
          ...(values.length ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** `web-types.json` (JetBrains web-types 2.0). */
export function webTypes(elements: ElementModel[], pkg: { name: string; version: string }): string {
  const data = {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    framework: 'lit',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tag,
          description: elementDescription(el),
          attributes: el.attributes.map((a) => {
            const values = literalValues(a.type);
            return {
              name: a.name,
              ...(a.description ? { description: a.description } : {}),
              ...(a.default === undefined ? {} : { default: a.default }),
              value: isBoolean(a.type)
                ? { type: 'boolean', required: false }
                : { type: values.length ? values.map((v) => `'${v}'`).join(' | ') : a.type },
            };
          }),
          slots: el.slots.map((s) => ({ name: s.name, description: s.description })),
          events: el.events.map((e) => ({ name: e.name, description: e.description })),
          js: {
            properties: el.properties.map((p) => ({
              name: p.name,
              description: p.description,
              type: p.type,
            })),
            events: el.events.map((e) => ({ name: e.name, description: e.description })),
          },
          css: {
            parts: el.cssParts.map((p) => ({ name: p.name, description: p.description })),
            properties: el.cssProperties.map((p) => ({ name: p.name, description: p.description })),
          },
        })),
      },
    },
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
