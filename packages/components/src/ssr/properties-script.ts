/**
 * The id of the `<script type="application/json">` a server render writes the elements'
 * properties into (`propertiesScript`) and the client's `@vnhealth/components/ssr/hydrate.js`
 * reads them from.
 */
export const PROPERTIES_SCRIPT_ID = 'vnh-ssr-properties';

/** Properties by element id: `{ card: { summary } }` sets `summary` on `#card`. */
export type PropertiesById = Record<string, Record<string, unknown>>;
