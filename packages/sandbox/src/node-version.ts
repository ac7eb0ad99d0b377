/**
 * The Node versions the sandbox runs on: those its FHIR engine (`@medplum/*`) declares, which
 * also have the global `WebSocket` `startSandbox()` needs. Kept equal to `engines.node` in
 * package.json (a test checks it). `@vnhealth/core` itself runs on Node 20.
 */
export const SUPPORTED_NODE = '^22.18.0 || >=24.2.0';

/** True when `version` (`process.versions.node`, e.g. `20.20.2`) is in {@link SUPPORTED_NODE}. */
export function supportsNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (major === 22 && minor >= 18) || (major === 24 && minor >= 2) || major > 24;
}

/** What to tell someone running the sandbox on an unsupported Node. */
export function unsupportedNodeMessage(version: string): string {
  return (
    `@vnhealth/sandbox needs Node ${SUPPORTED_NODE} (its FHIR engine, @medplum/fhir-router, ` +
    `and the global WebSocket require it); this is Node ${version}. ` +
    `Install Node 24 LTS to run the sandbox. @vnhealth/core itself runs on Node 20 and later.`
  );
}
