export * from './identifiers.ts';
export * from './names.ts';
