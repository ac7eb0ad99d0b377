// First: on an unsupported Node this throws a clear error before @medplum/* loads.
import './assert-node.ts';
export { startSandbox } from './start.ts';
export type { Sandbox, SandboxOptions } from './start.ts';
export {
  demoPatients,
  generateSeed,
  seedAnchor,
  defaultPractitioners,
  SEED_LAST_UPDATED,
} from './seed/index.ts';
export type { DemoPatient, SeedOptions, SeedProgress } from './seed/index.ts';
export { SandboxRepository } from './server/repository.ts';
export { DEFAULT_LIMITS } from './server/limits.ts';
export type { SandboxLimits } from './server/limits.ts';
