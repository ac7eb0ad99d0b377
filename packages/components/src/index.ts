// Classes and types only, no side effects. Import `@vnhealth/components/define.js` to register
// every element. One line per element; keep this a simple list.
export * from './shared/public.ts';
export { VnhProvider } from './provider/provider.ts';
export * from './patient-profile-card/patient-profile-card.ts';
export * from './health-record-summary/health-record-summary.ts';
export * from './vaccination-history/vaccination-history.ts';
export * from './consult-booking/consult-booking.ts';
export * from './vaccination-schedule/vaccination-schedule.ts';
export * from './appointment-list/appointment-list.ts';
