import { defineElement } from '../shared/define-element.ts';
import { VnhVaccinationHistory } from './vaccination-history.ts';

defineElement('vnh-vaccination-history', VnhVaccinationHistory);
