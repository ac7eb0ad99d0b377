import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options of the development SMART authorization server. */
export interface SmartServerOptions {
  /** The sandbox origin, e.g. `http://127.0.0.1:8787`. */
  origin: string;
}

/**
 * Handles the development SMART endpoints (`/.well-known/smart-configuration` under the FHIR
 * base, `/auth/*`). Returns true when it answered the request, false to let the FHIR router
 * handle it. Issue #3 fills this in; until then it answers nothing.
 */
export async function handleSmart(
  _req: IncomingMessage,
  _res: ServerResponse,
  _url: URL,
  _options: SmartServerOptions,
): Promise<boolean> {
  return false;
}
