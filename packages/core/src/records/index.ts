export * from './types.ts';
export * from './client.ts';
export * from './summary.ts';
export * from './insurance.ts';
export * from './vitals.ts';
export * from './timeline.ts';
