/**
 * The contract of the `full` validation level's checks: each reads a resource that the structure
 * check (`structure.ts`) has accepted, so every element has its declared type, and pushes what it
 * finds. A check never throws, never copies, never changes the resource.
 */
import type { ValidationIssue } from '../errors.ts';

/**
 * A check of the `full` level. `resource` passed the structure check (no errors); `issues` is the
 * list to push onto, with paths in the structure check's form (`Patient.identifier[1].system`),
 * `code` (`invariant`, `code-invalid`, `narrative`, `extension`, …), `severity`, English and
 * Vietnamese messages and, for a FHIR invariant or named rule, its `key`.
 */
export type ResourceCheck = (
  resource: Readonly<Record<string, unknown>>,
  issues: ValidationIssue[],
) => void;
