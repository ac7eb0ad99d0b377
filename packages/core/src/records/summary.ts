import type {
  AllergyIntolerance,
  CapabilityStatement,
  CodeableConcept,
  Condition,
  Coverage,
  Encounter,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Resource,
} from '../fhir/index.ts';
import { insuranceOf } from './insurance.ts';
import type { PatientSummary, SummarySection } from './types.ts';
import { byDateDesc, vitalSeries } from './vitals.ts';

/** ICD-10 code systems seen in Vietnamese data (WHO, HL7 and the MoH's own). */
export const ICD10_SYSTEMS: readonly string[] = [
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/icd-10-vn',
  'http://fhir.ehealth.gov.vn/core/CodeSystem/icd-10',
  'http://fhir.hl7.org.vn/core/CodeSystem/icd-10',
];

function codes(concept: CodeableConcept | undefined, system: string): string[] {
  return (concept?.coding ?? []).filter((c) => c.system === system).map((c) => c.code ?? '');
}

function has(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  return codes(concept, system).includes(code);
}

const CLINICAL = {
  allergy: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  condition: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
} as const;

/**
 * True for an allergy that is active (or has no clinical status) and not refuted or in error.
 *
 * @example const active = allergies.filter(isActiveAllergy);
 */
export function isActiveAllergy(allergy: AllergyIntolerance): boolean {
  const v = allergy.verificationStatus;
  if (
    has(v, CLINICAL.allergyVerification, 'entered-in-error') ||
    has(v, CLINICAL.allergyVerification, 'refuted')
  ) {
    return false;
  }
  const c = allergy.clinicalStatus;
  return !c?.coding?.length || has(c, CLINICAL.allergy, 'active');
}

/**
 * True for a condition that is active, recurring or relapsed, and not refuted or in error.
 *
 * @example const problems = conditions.filter(isActiveCondition);
 */
export function isActiveCondition(condition: Condition): boolean {
  const v = condition.verificationStatus;
  if (
    has(v, CLINICAL.conditionVerification, 'entered-in-error') ||
    has(v, CLINICAL.conditionVerification, 'refuted')
  ) {
    return false;
  }
  const c = condition.clinicalStatus;
  return ['active', 'recurrence', 'relapse'].some((code) => has(c, CLINICAL.condition, code));
}

/**
 * True for a medication the patient is taking or about to take.
 *
 * @example const current = statements.filter(isCurrentMedication);
 */
export function isCurrentMedication(statement: MedicationStatement): boolean {
  return statement.status === 'active' || statement.status === 'intended';
}

const CRITICALITY_RANK: Record<string, number> = { high: 0, 'unable-to-assess': 1, low: 2 };

/**
 * Sort allergies: high criticality first, then unable-to-assess, low, none; then newest.
 *
 * @example allergies.sort(byCriticality);
 */
export function byCriticality(a: AllergyIntolerance, b: AllergyIntolerance): number {
  const rank = (x: AllergyIntolerance) => CRITICALITY_RANK[x.criticality ?? ''] ?? 3;
  return rank(a) - rank(b) || byDateDesc(a.recordedDate, b.recordedDate);
}

/**
 * The ICD-10 code of a condition with its display (Vietnamese in VN data), falling back to the
 * first coding and `code.text`.
 *
 * @example conditionCode(condition) // { code: 'I10', display: 'Tăng huyết áp vô căn (nguyên phát)', system: 'http://hl7.org/fhir/sid/icd-10' }
 */
export function conditionCode(condition: Pick<Condition, 'code'>): {
  code?: string;
  display: string;
  system?: string;
} {
  const coding =
    condition.code?.coding?.find((c) => c.system && ICD10_SYSTEMS.includes(c.system)) ??
    condition.code?.coding?.[0];
  const display = coding?.display ?? condition.code?.text ?? coding?.code ?? '';
  return {
    ...(coding?.code ? { code: coding.code } : {}),
    display,
    ...(coding?.system ? { system: coding.system } : {}),
  };
}

/**
 * Text of a CodeableConcept: `text`, else the first display, else the first code.
 *
 * @example conceptText(statement.medicationCodeableConcept) // 'Amlodipin 5 mg'
 */
export function conceptText(concept: CodeableConcept | undefined): string {
  return (
    concept?.text ??
    concept?.coding?.find((c) => c.display)?.display ??
    concept?.coding?.find((c) => c.code)?.code ??
    ''
  );
}

/**
 * The start of an encounter (or its end, when no start is recorded).
 *
 * @example encounterDate(encounter) // '2026-11-17T08:00:00+07:00'
 */
export function encounterDate(encounter: Encounter): string | undefined {
  return encounter.period?.start ?? encounter.period?.end;
}

/** Resources of one summary, grouped; anything else is ignored. */
export interface SummaryParts {
  patient: Patient;
  organizations?: Organization[];
  allergies?: AllergyIntolerance[];
  conditions?: Condition[];
  medications?: MedicationStatement[];
  observations?: Observation[];
  encounters?: Encounter[];
  coverages?: Coverage[];
  /** Resources referenced from these (e.g. Medication, Organization) for display. */
  others?: Resource[];
}

/**
 * Sort the resources of a Bundle (IPS document or batch results) into summary parts.
 *
 * @example const parts = partsFromResources('vnh-pt-001', bundle.entry.map((e) => e.resource));
 */
export function partsFromResources(
  patientId: string,
  resources: readonly Resource[],
): SummaryParts | undefined {
  const parts: Required<Omit<SummaryParts, 'patient'>> & { patient?: Patient } = {
    organizations: [],
    allergies: [],
    conditions: [],
    medications: [],
    observations: [],
    encounters: [],
    coverages: [],
    others: [],
  };
  for (const r of resources) {
    switch (r.resourceType) {
      case 'Patient':
        if (r.id === patientId || !parts.patient) parts.patient = r;
        break;
      case 'Organization':
        parts.organizations.push(r);
        break;
      case 'AllergyIntolerance':
        parts.allergies.push(r);
        break;
      case 'Condition':
        parts.conditions.push(r);
        break;
      case 'MedicationStatement':
        parts.medications.push(r);
        break;
      case 'Observation':
        parts.observations.push(r);
        break;
      case 'Encounter':
        parts.encounters.push(r);
        break;
      case 'Coverage':
        parts.coverages.push(r);
        break;
      default:
        parts.others.push(r);
    }
  }
  if (!parts.patient) return undefined;
  return parts as SummaryParts;
}

/** How many encounters the summary keeps. */
export const RECENT_ENCOUNTERS = 5;

/**
 * Build a {@link PatientSummary} from already-fetched resources (no network). Useful for a
 * summary assembled from a server's IPS document, a cached Bundle or fixtures.
 *
 * @example
 * const summary = buildSummary({ patient, allergies, observations }, { asOf: new Date() });
 */
export function buildSummary(
  parts: SummaryParts,
  options: {
    asOf?: Date | string;
    missing?: SummarySection[];
    truncated?: SummarySection[];
    source?: 'ips' | 'batch';
  } = {},
): PatientSummary {
  const asOf = options.asOf ?? new Date();
  const { patient } = parts;
  const managing = patient.managingOrganization?.reference;
  const facility = managing
    ? parts.organizations?.find(
        (o) => `Organization/${o.id}` === managing || o.id === managing.split('/').pop(),
      )
    : undefined;
  const medications = (parts.medications ?? [])
    .filter(isCurrentMedication)
    .sort((a, b) =>
      byDateDesc(
        a.effectiveDateTime ?? a.effectivePeriod?.start ?? a.dateAsserted,
        b.effectiveDateTime ?? b.effectivePeriod?.start ?? b.dateAsserted,
      ),
    );
  return {
    patient,
    allergies: (parts.allergies ?? []).filter(isActiveAllergy).sort(byCriticality),
    conditions: (parts.conditions ?? [])
      .filter(isActiveCondition)
      .sort((a, b) =>
        byDateDesc(a.onsetDateTime ?? a.recordedDate, b.onsetDateTime ?? b.recordedDate),
      ),
    medications,
    vitals: vitalSeries(parts.observations ?? []),
    encounters: (parts.encounters ?? [])
      .filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled')
      .sort((a, b) => byDateDesc(encounterDate(a), encounterDate(b)))
      .slice(0, RECENT_ENCOUNTERS),
    insurance: insuranceOf(patient, parts.coverages ?? [], asOf),
    facility,
    missing: options.missing ?? [],
    truncated: options.truncated ?? [],
    source: options.source ?? 'batch',
    asOf: typeof asOf === 'string' ? asOf : asOf.toISOString(),
  };
}

/**
 * True when the CapabilityStatement offers `Patient/$summary` (IPS).
 *
 * @example if (offersPatientSummary(await health.fhir.capabilities())) useIps();
 */
export function offersPatientSummary(cs: CapabilityStatement | undefined): boolean {
  const isSummary = (op: { name?: string; definition?: string }) =>
    op.name === 'summary' ||
    op.name === '$summary' ||
    /\/OperationDefinition\/(Patient-)?summary$/.test(op.definition ?? '');
  return (cs?.rest ?? []).some(
    (rest) =>
      (rest.operation ?? []).some(isSummary) ||
      (rest.resource ?? []).some(
        (r) => r.type === 'Patient' && (r.operation ?? []).some(isSummary),
      ),
  );
}
