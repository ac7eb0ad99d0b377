import { VnhConsultBooking } from './consult-booking.ts';
import { defineElement } from '../shared/define-element.ts';

defineElement('vnh-consult-booking', VnhConsultBooking);
