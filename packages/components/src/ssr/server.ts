/**
 * Server rendering of the vnhealth elements with `@lit-labs/ssr` (Node). Register the elements
 * first (`import '@vnhealth/components/define.js'`), then render a Lit template that uses them:
 * each element renders to declarative shadow DOM, with its data when the template passes it
 * (`.summary=${summary}`), or with its loading skeleton when it has an id to load.
 *
 * The page then loads `@vnhealth/components/ssr/hydrate.js` before anything that imports Lit,
 * and the elements hydrate: the same data (written with {@link propertiesScript}) is set on them
 * before they upgrade, so they neither flash nor request it again.
 *
 * @module
 */
import { LitElementRenderer, renderThunked, type RenderInfo } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { VnhElement } from '../shared/element.ts';
import { loadEveryTable } from '../shared/i18n.ts';
import { loadEveryPreload } from '../shared/server-preload.ts';
import { PROPERTIES_SCRIPT_ID, type PropertiesById } from './properties-script.ts';

export { PROPERTIES_SCRIPT_ID, type PropertiesById } from './properties-script.ts';

let registered = false;

/**
 * Get the server ready to render vnhealth elements; `renderToString` calls it. Call it yourself
 * (and await it) before rendering with `@lit-labs/ssr` directly (`renderThunked`, a stream, a
 * framework's integration):
 *
 * - it has `@lit-labs/ssr` call the vnhealth elements' `connectedCallback` (only theirs), so an
 *   element hears its `<vnh-provider>` (language, theme, time zone) through the context
 *   protocol's events, which the server's DOM shim dispatches;
 * - it imports every translation table that loads on demand (English), and every module an
 *   element loads on demand (the vaccination elements' schedule engine), of every element
 *   imported so far: a server render cannot wait for one, so each must be at hand. Import the
 *   elements first.
 */
export async function prepareServerRendering(): Promise<void> {
  if (!registered) {
    registered = true;
    LitElementRenderer.renderOptions.push((element) =>
      element instanceof VnhElement || element.localName === 'vnh-provider'
        ? { connectedCallback: true }
        : undefined,
    );
  }
  await Promise.all([loadEveryTable(), loadEveryPreload()]);
}

/**
 * Render a Lit template (or any value Lit renders) to HTML, with each vnhealth element in it as
 * declarative shadow DOM. Awaits {@link prepareServerRendering} first.
 *
 * An element renders in its own `lang`, else its `<vnh-provider>`'s, else Vietnamese: the
 * document's `<html lang>` is not part of the render, so set `lang` on the provider.
 *
 * @param value - What to render, usually `` html`<vnh-provider …>…</vnh-provider>` ``.
 * @param renderInfo - Passed to `@lit-labs/ssr`'s `renderThunked`.
 */
export async function renderToString(
  value: unknown,
  renderInfo?: Partial<RenderInfo>,
): Promise<string> {
  await prepareServerRendering();
  return collectResult(renderThunked(value, renderInfo));
}

const UNSAFE_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * The `<script type="application/json">` that hands the data a server render used to the
 * client: properties by element id (`{ card: { summary } }` for `<vnh-patient-profile-card
 * id="card" .summary=…>`). `@vnhealth/components/ssr/hydrate.js` sets them on the elements
 * before they upgrade, so their first render is the server's and they do not load it again.
 * The JSON is escaped for a script element (no `</script>` can end it early).
 */
export function propertiesScript(properties: PropertiesById): string {
  const json = JSON.stringify(properties).replace(
    /[<>&\u2028\u2029]/g,
    (c) => UNSAFE_IN_SCRIPT[c]!,
  );
  return `<script type="application/json" id="${PROPERTIES_SCRIPT_ID}">${json}</script>`;
}
