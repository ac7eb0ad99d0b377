/**
 * The details step of `<vnh-consult-booking>`: reason, phone (prefilled from the patient's
 * record when known) and an optional email, with errors that show once Next was pressed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { draftProblems, type BookingDraft } from './booking-flow.ts';
import type { StepContext } from './booking-steps.ts';

/** Handlers of the details form. */
export interface DetailsHandlers {
  readonly edit: (patch: Partial<BookingDraft>) => void;
  readonly submit: (event: Event) => void;
  readonly back: TemplateResult;
}

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;

export function renderDetails(
  c: StepContext,
  prefilled: boolean,
  on: DetailsHandlers,
): TemplateResult {
  const { t } = c;
  const draft = c.flow.draft;
  const problems = draftProblems(draft);
  const show = draft.showErrors;
  const error = (field: keyof typeof problems, text: string) =>
    show && problems[field] ? html`<p class="error-text" id="${field}-error">${text}</p>` : nothing;
  const describedBy = (field: keyof typeof problems, hint?: string) =>
    [hint, show && problems[field] ? `${field}-error` : ''].filter(Boolean).join(' ');
  const invalid = (field: keyof typeof problems) => (show && problems[field] ? 'true' : 'false');
  return html`<form novalidate @submit=${on.submit}>
    <div class="field">
      <label for="reason">${t.reason}</label>
      <p class="hint" id="reason-hint">${t.reasonHint}</p>
      <textarea
        id="reason"
        name="reason"
        rows="3"
        required
        aria-describedby=${describedBy('reason', 'reason-hint')}
        aria-invalid=${invalid('reason')}
        .value=${draft.reason}
        @input=${(e: Event) => on.edit({ reason: valueOf(e) })}
      ></textarea>
      ${error('reason', t.reasonMissing)}
    </div>
    <div class="field">
      <label for="phone">${t.phone}</label>
      <p class="hint" id="phone-hint">${prefilled ? t.phonePrefilled : t.phoneHint}</p>
      <input
        id="phone"
        name="phone"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        required
        aria-describedby=${describedBy('phone', 'phone-hint')}
        aria-invalid=${invalid('phone')}
        .value=${draft.phone}
        @input=${(e: Event) => on.edit({ phone: valueOf(e) })}
      />
      ${error('phone', t.phoneInvalid)}
    </div>
    <div class="field">
      <label for="email">${t.email}</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        aria-describedby=${describedBy('email')}
        aria-invalid=${invalid('email')}
        .value=${draft.email}
        @input=${(e: Event) => on.edit({ email: valueOf(e) })}
      />
      ${error('email', t.emailInvalid)}
    </div>
    <div class="actions">
      ${on.back}
      <button type="submit" class="vnh-button primary" part="next">${t.next}</button>
    </div>
  </form>`;
}
