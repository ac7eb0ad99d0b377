export * from './identifiers.ts';
export * from './names.ts';
export * from './address.ts';
export * from './provinces.ts';
export * from './format.ts';
export * from './time.ts';
