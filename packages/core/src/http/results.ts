/**
 * The per-entry results of a batch or transaction response, each with its typed error. @internal
 *
 * @module
 */
import type { Bundle } from '../fhir/index.ts';
import { errorForStatus } from './errors.ts';
import type { BundleEntryResult, BundleRequestEntry } from './types.ts';

/** Per-entry results of a batch/transaction response. */
export function entryResults(
  bundle: Bundle,
  sent: readonly BundleRequestEntry[],
): BundleEntryResult[] {
  return (bundle.entry ?? []).map((entry, index) => {
    const status = Number.parseInt(entry.response?.status ?? '0', 10);
    const ok = status >= 200 && status < 300;
    const outcome =
      entry.response?.outcome ??
      (entry.resource?.resourceType === 'OperationOutcome' ? entry.resource : undefined);
    const request = sent[index]?.request;
    return {
      status,
      ok,
      resource: ok ? entry.resource : undefined,
      location: entry.response?.location,
      etag: entry.response?.etag,
      outcome,
      ...(ok
        ? {}
        : {
            error: errorForStatus(status, outcome, {
              method: request?.method ?? 'BUNDLE',
              path: request?.url ?? `entry[${index}]`,
            }),
          }),
    };
  });
}
