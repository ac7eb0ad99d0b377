export * from './types.ts';
export {
  createRecordsClient,
  type RecordsClient,
  type RecordsClientOptions,
  type SummaryOptions,
  type TimelineOptions,
  type UpdateContactOptions,
} from './client.ts';
export * from './summary.ts';
export * from './insurance.ts';
export * from './vitals.ts';
export * from './timeline.ts';
