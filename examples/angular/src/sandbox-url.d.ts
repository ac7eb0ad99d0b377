/**
 * The FHIR R4 base URL, replaced at build time by Angular's `define` option: angular.json's
 * default, or `SANDBOX_URL` from the environment of `npm run build` (see ng-build.mjs).
 */
declare const SANDBOX_URL: string;
