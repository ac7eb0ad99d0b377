export {
  createVaccinationClient,
  type ImmunizationInput,
  type VaccinationClient,
  type VaccinationClientOptions,
  type VaccinationHistory,
  type VaccinationHistoryEntry,
  type VaccinationHistoryGroup,
} from './client.ts';
export { GENERATED_IDENTIFIER_SYSTEM, immunizationIdentifier } from './record.ts';
export * from './codes.ts';
