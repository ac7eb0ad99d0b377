/**
 * Client side of a server-rendered page: load this module first, before anything that imports
 * Lit (`@vnhealth/components/define.js`, your own elements), e.g. as the first import of the
 * page's entry. It
 *
 * 1. installs Lit's hydration support (`@lit-labs/ssr-client/lit-element-hydrate-support.js`),
 *    so an element that arrives with a declarative shadow root takes over that DOM instead of
 *    rendering it again;
 * 2. sets the properties the server render wrote with `propertiesScript` on their elements
 *    (by id), before the elements upgrade, so each one's first render is the server's: no
 *    flash, and no request for data it already has.
 *
 * @module
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import type { PropertiesById } from './properties-script.ts';

// Written out, not imported: a module this one imports would be evaluated before the hydration
// support above (imports are hoisted), and must never grow into one that loads Lit. The same
// value as `PROPERTIES_SCRIPT_ID` in properties-script.ts (the hydration test fails otherwise).
const PROPERTIES_SCRIPT_ID = 'vnh-ssr-properties';

/**
 * Set the properties of the server render's properties script on their elements. Runs once
 * when this module loads (module scripts run after the document is parsed); call it again after
 * adding server-rendered HTML to the page later. Returns the ids it found no element for.
 */
export function applyServerProperties(root: Document = document): string[] {
  const script = root.getElementById(PROPERTIES_SCRIPT_ID);
  if (!script?.textContent) return [];
  const byId = JSON.parse(script.textContent) as PropertiesById;
  const missing: string[] = [];
  for (const [id, properties] of Object.entries(byId)) {
    const element = root.getElementById(id);
    if (element) Object.assign(element, properties);
    else missing.push(id);
  }
  return missing;
}

const missing = applyServerProperties();
if (missing.length) {
  console.warn(`vnhealth: no element with the id ${missing.join(', ')} for its server properties.`);
}
