import { VnhPatientProfileCard } from './patient-profile-card.ts';
import { defineElement } from '../shared/define-element.ts';

defineElement('vnh-patient-profile-card', VnhPatientProfileCard);
