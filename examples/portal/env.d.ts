/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** FHIR R4 base URL of the sandbox; `npm start` sets it. */
  readonly VITE_SANDBOX_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
