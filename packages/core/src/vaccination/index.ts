export * from './client.ts';
export * from './codes.ts';
