// Imported first by the package entry: on an unsupported Node, `import '@vnhealth/sandbox'`
// throws this clear error before @medplum/core loads and fails with "WebSocket is not defined".
// A separate file on purpose (kept external in tsup.config.ts, listed in `sideEffects`).
import { supportsNode, unsupportedNodeMessage } from './node-version.ts';

if (!supportsNode(process.versions.node)) {
  throw new Error(unsupportedNodeMessage(process.versions.node));
}
