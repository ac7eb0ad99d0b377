/**
 * The form-associated base of `<vnh-consult-booking>`: ElementInternals with the members a form
 * control has (`form`, `validity`, `checkValidity()` …). The element sets the value and validity.
 */
import { VnhElement } from '../shared/element.ts';
import type { messages } from './consult-booking.i18n.ts';

/** The element is a group of controls for assistive technology. */
function asGroup(internals: ElementInternals): ElementInternals {
  internals.role = 'group';
  return internals;
}

export abstract class BookingFormElement extends VnhElement<typeof messages.vi> {
  static formAssociated = true;
  protected readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = asGroup(this.attachInternals());
  }

  /** The owning form. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  /** The validity state (`valueMissing` while `required` and not booked). */
  get validity(): ValidityState {
    return this.internals.validity;
  }
  /** Why the element is invalid, or ''. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  /** True when a form validates it. */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }
}
