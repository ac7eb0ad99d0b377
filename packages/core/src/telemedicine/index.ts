export * from './conventions.ts';
export * from './time.ts';
export * from './ics.ts';
export * from './types.ts';
export {
  appointmentMode,
  createTelemedicineClient,
  groupByIctDay,
  slotAlternatives,
  toFreeSlot,
  type TelemedicineClient,
  type TelemedicineClientOptions,
} from './client.ts';
