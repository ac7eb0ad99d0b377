import { html, nothing, type TemplateResult } from 'lit';
import { isAuthError, isHttpError, isNetworkError, isTimeoutError } from '@vnhealth/core/client';
import type { CommonMessages, SameShape } from './i18n.ts';

type Common = SameShape<CommonMessages>;

/**
 * A polite live region. Render it always (a region that appears together with its text is not
 * announced) and change its text to announce loading, errors and completion.
 */
export function renderLiveRegion(message: string | undefined): TemplateResult {
  return html`<div class="vnh-sr-only" role="status" aria-live="polite" aria-atomic="true">
    ${message ?? ''}
  </div>`;
}

/** A loading skeleton: `aria-busy`, a label for screen readers, decorative lines. */
export function renderLoading(
  t: Common,
  options: { lines?: number; label?: string } = {},
): TemplateResult {
  const lines = Array.from({ length: options.lines ?? 4 });
  return html`<div class="vnh-skeleton" part="loading" aria-busy="true">
    <span class="vnh-sr-only">${options.label ?? t.loading}</span>
    ${lines.map(() => html`<div class="vnh-skeleton-line" aria-hidden="true"></div>`)}
  </div>`;
}

/** An empty state with a message and an optional action. */
export function renderEmpty(message: string, action?: TemplateResult): TemplateResult {
  return html`<div class="vnh-state vnh-state-empty" part="empty">
    <p class="vnh-state-message">${message}</p>
    ${action ?? nothing}
  </div>`;
}

/** The error is "not found" (HTTP 404 or 410). */
export function isNotFound(error: unknown): boolean {
  return isHttpError(error) && (error.status === 404 || error.status === 410);
}

/** An error raised by an element that needs a client and has none. */
export class MissingClientError extends Error {
  override name = 'MissingClientError';
}

/** Plain words for an error, in the element's language; never the raw server text. */
export function errorMessage(t: Common, error: unknown): string {
  if (error instanceof MissingClientError) return t.errorNoClient;
  if (isNetworkError(error)) return t.errorNetwork;
  if (isTimeoutError(error)) return t.errorTimeout;
  if (isAuthError(error)) return t.errorAuth;
  if (isHttpError(error) && error.status >= 500) return t.errorServer;
  return t.errorUnknown;
}

/** The error state: a title, plain words and a Retry button. */
export function renderError(t: Common, error: unknown, onRetry: () => void): TemplateResult {
  return html`<div class="vnh-state vnh-state-error" part="error">
    <p class="vnh-state-title">${t.errorTitle}</p>
    <p class="vnh-state-message">${errorMessage(t, error)}</p>
    <button type="button" class="vnh-button" part="retry" @click=${onRetry}>${t.retry}</button>
  </div>`;
}

/** The not-found state. */
export function renderNotFound(t: Common, message?: string): TemplateResult {
  return html`<div class="vnh-state vnh-state-not-found" part="not-found">
    <p class="vnh-state-title">${t.notFoundTitle}</p>
    <p class="vnh-state-message">${message ?? t.notFound}</p>
  </div>`;
}
