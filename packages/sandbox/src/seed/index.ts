import type { Resource } from '@medplum/fhirtypes';
import { demoPatients, demoResources } from './demo.ts';
import { facilityResources } from './facilities.ts';
import { generatedPatientId, patientResources } from './patients.ts';
import { planPractitioner, practitionerResources, slotResources } from './practitioners.ts';
import type { Rng } from './random.ts';
import { ictDate } from '@vnhealth/core';
import { seedAnchor } from './time.ts';

export { demoPatients, seedAnchor };
export type { DemoPatient } from './demo.ts';

/** `meta.lastUpdated` of every seeded resource (a fixed instant, so seeds are byte-identical). */
export const SEED_LAST_UPDATED = '2026-11-01T00:00:00.000Z';

/** Options of {@link generateSeed}. */
export interface SeedOptions {
  /** PRNG seed. @default 42 */
  seed?: number;
  /** Generated patients (the five demo patients come on top). @default 200 */
  patients?: number;
  /** Practitioners. @default max(24, ceil(patients / 176.5)) — 1,700 for 300,000 patients */
  practitioners?: number;
  /**
   * The time anchor (see {@link seedAnchor}); slots cover the 28 days from its day and children's
   * ages are relative to it. @default the current day in Asia/Ho_Chi_Minh
   */
  now?: Date;
  /** Patients per yielded chunk. @default 500 */
  chunkSize?: number;
  onProgress?: (progress: SeedProgress) => void;
}

/** Progress of the seed generator. */
export interface SeedProgress {
  phase: 'facilities' | 'practitioners' | 'patients' | 'done';
  done: number;
  total: number;
  resources: number;
}

/** Practitioners for a population of `patients` (the pilot: 1,700 for 300,000). */
export function defaultPractitioners(patients: number): number {
  return Math.max(24, Math.ceil(patients / 176.5));
}

/**
 * Generates the seed as a stream of resource chunks, so that very large populations never exist
 * twice in memory. Deterministic: the same options give byte-identical resources. Every patient
 * and practitioner draws from its own PRNG stream (seed + index), so chunking does not change
 * the data.
 */
export function* generateSeed(options: SeedOptions = {}): Generator<Resource[]> {
  const seed = options.seed ?? 42;
  const patients = Math.max(0, Math.floor(options.patients ?? 200));
  const practitioners = Math.max(
    4,
    Math.floor(options.practitioners ?? defaultPractitioners(patients)),
  );
  const anchor = seedAnchor(options.now ?? new Date());
  const today = ictDate(anchor);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  let resources = 0;
  const report = (phase: SeedProgress['phase'], done: number, total: number): void =>
    options.onProgress?.({ phase, done, total, resources });

  const facilities = facilityResources();
  resources += facilities.length;
  yield facilities;
  report('facilities', 1, 1);

  const demoIds = Object.values(demoPatients)
    .filter((p) => p.id !== demoPatients.hoa.id && p.id !== demoPatients.newborn.id)
    .map((p) => p.id);
  const pickPatient = (rng: Rng): string =>
    patients === 0 || rng.chance(0.04)
      ? rng.pick(demoIds)
      : generatedPatientId(rng.int(0, patients - 1));
  const practitionerChunk = Math.max(1, Math.floor(chunkSize / 5));
  for (let start = 0; start < practitioners; start += practitionerChunk) {
    const chunk: Resource[] = [];
    for (let i = start; i < Math.min(practitioners, start + practitionerChunk); i++) {
      const plan = planPractitioner(seed, i);
      chunk.push(
        ...practitionerResources(seed, plan, anchor),
        ...slotResources(seed, plan, anchor, pickPatient),
      );
    }
    resources += chunk.length;
    yield chunk;
    report('practitioners', Math.min(practitioners, start + practitionerChunk), practitioners);
  }

  const demo = demoResources(seed, today);
  resources += demo.length;
  yield demo;

  const ctx = { seed, today, practitioners };
  for (let start = 0; start < patients; start += chunkSize) {
    const chunk: Resource[] = [];
    for (let i = start; i < Math.min(patients, start + chunkSize); i++)
      chunk.push(...patientResources(ctx, i));
    resources += chunk.length;
    yield chunk;
    report('patients', Math.min(patients, start + chunkSize), patients);
  }
  report('done', patients, patients);
}
