/**
 * The two "VN Core" implementation guides, as configuration, and the profile layer above FHIR R4
 * validation. See docs/decisions/0002-vn-core-flavours.md.
 */
export * from './flavours.ts';
export {
  getIdentifier,
  extensionCoding,
  extensionUrlsFor,
  ethnicity,
  provinceOf,
} from './helpers.ts';
// checkProfile is in the `@vnhealth/core/validation` entry (it runs inside validateResource).
