/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** FHIR R4 base URL, read at build time (default `http://127.0.0.1:8787/fhir/R4`). */
  readonly VITE_SANDBOX_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// TYPINGS: when `@vnhealth/components` ships Vue `GlobalComponents` typings generated from its
// Custom Elements Manifest, reference them here (a `/// <reference types="…" />` line, so this
// file stays a global script) and vue-tsc checks every `vnh-*` tag's attributes, properties and
// event payloads in the templates. Until then the tags type-check as unknown elements, and the
// handlers in App.vue name their event types themselves (`VaccinationDoseSelectEvent` …).
