// The page's one module script. No bundler, no import map: the autoloader defines each vnhealth
// element the first time its tag is in the page, loading that element's files from beside
// itself (here the installed package's dist/cdn/; from a CDN, the same folder at its URL).
//
// `?fhir=<FHIR base URL>` points the page at another server than the sandbox's default
// (http://127.0.0.1:8787/fhir/R4). It is set before the autoloader is imported, so no element
// ever starts loading from the default.
const fhir = new URLSearchParams(location.search).get('fhir');
if (fhir) document.querySelector('vnh-provider')?.setAttribute('base-url', fhir);

await import('./node_modules/@vnhealth/components/dist/cdn/autoloader.js');
