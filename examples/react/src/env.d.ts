/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** FHIR R4 base URL of the sandbox (default `http://127.0.0.1:8787/fhir/R4`). */
  readonly VITE_SANDBOX_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
