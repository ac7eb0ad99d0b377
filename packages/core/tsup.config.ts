import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    client: 'src/client-entry.ts',
    schedule: 'src/vaccination/schedule/index.ts',
    'schedule-cdsi': 'src/vaccination/schedule/cdsi/index.ts',
    smart: 'src/smart/index.ts',
    validation: 'src/validation.ts',
    'validation-full': 'src/validation-full.ts',
    records: 'src/records/index.ts',
    summary: 'src/records/summary-entry.ts',
    telemedicine: 'src/telemedicine/index.ts',
    vaccination: 'src/vaccination/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: 'tsconfig.json',
});
