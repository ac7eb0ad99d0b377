import { defineElement } from '../shared/define-element.ts';
import { VnhVaccinationSchedule } from './vaccination-schedule.ts';

defineElement('vnh-vaccination-schedule', VnhVaccinationSchedule);
