export * from './conventions.ts';
export * from './time.ts';
export * from './ics.ts';
export * from './types.ts';
export { appointmentMode, groupByIctDay, slotAlternatives, toFreeSlot } from './views.ts';
export {
  createTelemedicineClient,
  type TelemedicineClient,
  type TelemedicineClientOptions,
} from './client.ts';
