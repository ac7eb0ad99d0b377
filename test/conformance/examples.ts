/** The official FHIR R4 examples (npm `hl7.fhir.r4.examples@4.0.1`) of the supported types. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RESOURCE_TYPES } from '../../packages/core/src/validation.ts';

const dir = fileURLToPath(new URL('../../node_modules/hl7.fhir.r4.examples/', import.meta.url));
const supported = new Set<string>(RESOURCE_TYPES);

export interface Example {
  /** File name, plus `#entry[n]` for a resource inside an example Bundle. */
  name: string;
  /** The JSON text as read (for a Bundle entry: the entry resource re-serialised). */
  text: string;
  resourceType: string;
}

/** Every supported-type instance: whole files, and the entries of every example Bundle. */
export function officialExamples(): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || file === 'package.json' || file.startsWith('.')) continue;
    const text = readFileSync(dir + file, 'utf8');
    let json: { resourceType?: string; entry?: { resource?: { resourceType?: string } }[] };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      continue;
    }
    if (typeof json.resourceType !== 'string') continue;
    if (supported.has(json.resourceType))
      out.push({ name: file, text, resourceType: json.resourceType });
    if (json.resourceType === 'Bundle') {
      json.entry?.forEach((entry, i) => {
        const type = entry?.resource?.resourceType;
        if (type && supported.has(type)) {
          out.push({
            name: `${file}#entry[${i}]`,
            text: JSON.stringify(entry.resource),
            resourceType: type,
          });
        }
      });
    }
  }
  return out;
}
