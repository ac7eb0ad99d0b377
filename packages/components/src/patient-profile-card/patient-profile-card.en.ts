import { plural } from '../shared/plural.ts';
import type { SameShape } from '../shared/i18n.ts';
import type { Words } from './patient-profile-card.i18n.ts';

/** The English words (imported the first time the element renders in English). */
export const en: SameShape<Words> = {
  cardLabel: (name: string) => `Patient profile: ${name}`,
  unnamed: 'No name recorded',
  age: 'Age',
  sex: 'Sex',
  birthDate: 'Date of birth',
  identifiers: 'Identifiers',
  cccd: 'CCCD',
  bhyt: 'BHYT',
  reveal: (kind: string) => `Show ${kind} number`,
  masked: 'masked',
  insuranceValid: (date: string) => `Valid until ${date}`,
  insuranceExpiring: (date: string, days: number) =>
    days === 0
      ? `Expires today (${date})`
      : `Expiring soon: ${plural('en', days, { one: '1 day', other: `${days} days` })} left (${date})`,
  insuranceExpired: (date: string) => `Expired on ${date}`,
  insuranceUnknown: 'Validity unknown',
  registeredFacility: 'Registered primary-care facility',
  allergies: 'Allergies',
  allergyCount: (n: number) => `Allergies (${n})`,
  noKnownAllergies: 'No known allergies.',
  allergiesUnknown: 'Allergy information not available. Ask the patient.',
  criticalityHigh: 'High risk',
  criticalityLow: 'Low risk',
  criticalityUnable: 'Risk not assessed',
  reaction: 'Reaction',
  conditions: 'Active conditions',
  noConditions: 'No active conditions.',
  since: (date: string) => `since ${date}`,
  medications: 'Current medications',
  noMedications: 'No current medications.',
  vitals: 'Vital signs',
  noVitals: 'No measurements yet.',
  bloodPressure: 'Blood pressure',
  heartRate: 'Pulse',
  temperature: 'Temperature',
  oxygenSaturation: 'SpO₂',
  weight: 'Weight',
  height: 'Height',
  bmi: 'BMI',
  respiratoryRate: 'Respiratory rate',
  perMinute: '/min',
  trend: (count: number, from: string, to: string) =>
    `Trend over the last ${count} readings: from ${from} to ${to}`,
  measuredOn: (date: string) => `measured ${date}`,
  contact: 'Contact',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  emergencyContact: 'Emergency contact',
  partial: 'Part of the record could not be loaded; what is shown may be incomplete.',
  truncated: (sections: string) =>
    `Too many records to show them all; only the first ones of: ${sections}. See the full medical record.`,
  loaded: (name: string) => `Loaded the record of ${name}`,
  loadingCard: 'Loading the patient profile…',
  notFoundCard: 'This patient was not found. Check the patient id.',
};
