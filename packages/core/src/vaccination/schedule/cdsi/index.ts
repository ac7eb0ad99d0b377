/**
 * `@vnhealth/core/schedule/cdsi`: the CDC's CDSi supporting data (XML) converted to the engine's
 * JSON schedule. A sub-entry, so `@vnhealth/core/schedule` stays small for pages that only use
 * Vietnam's schedules.
 *
 * @module
 */
export { fromCdsiSupportingData, type CdsiSupportingDataInput } from './convert.ts';
export { parseXml, type XmlElement } from './xml.ts';
