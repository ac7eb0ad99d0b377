import { VnhAppointmentList } from './appointment-list.ts';
import { defineElement } from '../shared/define-element.ts';

defineElement('vnh-appointment-list', VnhAppointmentList);
