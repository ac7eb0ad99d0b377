/**
 * Telemedicine conventions. No VN Core guide profiles Schedule, Slot or Appointment, so the SDK
 * uses base FHIR R4 resources with the systems and codes below; docs/telemedicine-conventions.md
 * explains each one.
 *
 * @module
 */
import type { CodeableConcept, Coding, Extension } from '../fhir/index.ts';
import { webUrl } from './urls.ts';

/** The project's own namespace for the few codes FHIR R4 has none for. */
export const VNHEALTH_TELEMEDICINE_BASE = 'https://fhir.vnhealth.dev/telemedicine' as const;

/** Systems and URLs the telemedicine client writes and reads. */
export const TelemedicineSystems = {
  /** `Appointment.identifier.system` of the booking idempotency key (a UUID per booking attempt). */
  idempotencyKey: `${VNHEALTH_TELEMEDICINE_BASE}/sid/booking-key`,
  /** Consult modes (`video`, `in-person`) on `HealthcareService.characteristic`/`PractitionerRole`. */
  consultMode: `${VNHEALTH_TELEMEDICINE_BASE}/CodeSystem/consult-mode`,
  /** Service flags such as `requires-approval` on `HealthcareService.characteristic`. */
  serviceFlag: `${VNHEALTH_TELEMEDICINE_BASE}/CodeSystem/service-flag`,
  /** `Task.code` and `ServiceRequest.category` of a doctor-to-doctor teleconsultation. */
  teleconsultation: `${VNHEALTH_TELEMEDICINE_BASE}/CodeSystem/teleconsultation`,
  /** Patient contact details given at booking (`valueContactPoint`, repeating). */
  bookingContactExtension: `${VNHEALTH_TELEMEDICINE_BASE}/StructureDefinition/booking-contact`,
  /**
   * The R5 `Appointment.virtualService` element, carried into R4 with the official cross-version
   * extension (sub-extensions `channelType`, `addressUrl`, `additionalInfo`, `sessionKey`).
   */
  appointmentVirtualService:
    'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService',
  /** The same for Encounter (`Encounter.virtualService` in R5). */
  encounterVirtualService:
    'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.virtualService',
  /** R5 virtual service types (`zoom`, `ms-teams`, `whatsapp`) plus our `vtelehealth`. */
  virtualServiceType: 'http://hl7.org/fhir/virtual-service-type',
  /** HL7 v3 ActCode: `VR` virtual, `AMB` ambulatory (Encounter.class). */
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** SNOMED CT (specialties as practice settings, the consultation procedure). */
  snomed: 'http://snomed.info/sct',
  /** HL7 v2 table 0276 (appointment reason: ROUTINE, FOLLOWUP, WALKIN). */
  appointmentReason: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  /** BCP-47 language codes (Practitioner.communication). */
  language: 'urn:ietf:bcp:47',
} as const;

/** How a consult takes place. */
export type ConsultMode = 'video' | 'in-person';

/** Consult modes as an `as const` object. */
export const ConsultModes = { video: 'video', inPerson: 'in-person' } as const;

/** A specialty the pilot offers, with its SNOMED CT practice-setting code and labels. */
export interface SpecialtyDefinition {
  /** SNOMED CT code (`http://snomed.info/sct`). */
  code: string;
  /** Short key used in attributes and URLs (`pediatrics`). */
  key: string;
  vi: string;
  en: string;
}

/**
 * Specialties of the telemedicine pilot (Circular 30/2023/TT-BYT conditions span about twenty).
 * Codes are SNOMED CT "practice setting" concepts, the value set FHIR binds to
 * `PractitionerRole.specialty`; servers may use other systems, which the SDK matches by code.
 */
export const TELEMEDICINE_SPECIALTIES: readonly SpecialtyDefinition[] = [
  { code: '394537008', key: 'pediatrics', vi: 'Nhi khoa', en: 'Paediatrics' },
  { code: '419192003', key: 'internal-medicine', vi: 'Nội khoa', en: 'Internal medicine' },
  { code: '394579002', key: 'cardiology', vi: 'Tim mạch', en: 'Cardiology' },
  { code: '394585009', key: 'obstetrics', vi: 'Sản phụ khoa', en: 'Obstetrics and gynaecology' },
  { code: '394582007', key: 'dermatology', vi: 'Da liễu', en: 'Dermatology' },
  { code: '394587001', key: 'psychiatry', vi: 'Tâm thần', en: 'Psychiatry' },
  { code: '394583002', key: 'endocrinology', vi: 'Nội tiết', en: 'Endocrinology' },
  { code: '394814009', key: 'general-practice', vi: 'Y học gia đình', en: 'General practice' },
] as const;

/**
 * Find a known specialty by SNOMED code or key.
 *
 * @example
 * specialtyByCodeOrKey('cardiology')?.code // '394579002'
 */
export function specialtyByCodeOrKey(value: string): SpecialtyDefinition | undefined {
  const code = value.includes('|') ? value.split('|')[1] : value;
  return TELEMEDICINE_SPECIALTIES.find((s) => s.code === code || s.key === code);
}

/**
 * A readable label for a specialty concept (text, display, then the known table).
 *
 * @example
 * specialtyLabel(role.specialty?.[0], 'en') // 'Cardiology'
 */
export function specialtyLabel(
  concept: CodeableConcept | undefined,
  lang: 'vi' | 'en' = 'vi',
): string {
  if (!concept) return '';
  for (const coding of concept.coding ?? []) {
    const known = coding.code ? specialtyByCodeOrKey(coding.code) : undefined;
    if (known) return known[lang];
  }
  return (
    concept.text ??
    concept.coding?.find((c) => c.display)?.display ??
    concept.coding?.[0]?.code ??
    ''
  );
}

/**
 * True when any coding of `concepts` has `code` (and `system`, when given).
 *
 * @example
 * hasCoding(service.characteristic, 'video', TelemedicineSystems.consultMode)
 */
export function hasCoding(
  concepts: readonly CodeableConcept[] | undefined,
  code: string,
  system?: string,
): boolean {
  return (concepts ?? []).some((c) =>
    (c.coding ?? []).some(
      (x: Coding) => x.code === code && (system === undefined || x.system === system),
    ),
  );
}

/** Details of a virtual (video) visit. */
export interface VirtualServiceDetail {
  /**
   * The link the patient or doctor opens. {@link readVirtualService} gives only an absolute
   * `http(s)` URL here: another stored link (`javascript:`, `data:`, relative) is left out.
   */
  url?: string;
  /** Platform, e.g. `vtelehealth`, `zoom`. */
  channel?: string;
  /** A passcode or meeting id, if the platform needs one. */
  sessionKey?: string;
  /** Dial-in or help page. */
  additionalInfo?: string[];
}

/**
 * Build the cross-version `virtualService` extension.
 *
 * @example
 * appointment.extension = [virtualServiceExtension({ channel: 'vtelehealth', url: 'https://…' })];
 */
export function virtualServiceExtension(
  detail: VirtualServiceDetail,
  url: string = TelemedicineSystems.appointmentVirtualService,
): Extension {
  const extension: Extension[] = [];
  if (detail.channel) {
    extension.push({
      url: 'channelType',
      valueCoding: { system: TelemedicineSystems.virtualServiceType, code: detail.channel },
    });
  }
  if (detail.url) extension.push({ url: 'addressUrl', valueUrl: detail.url });
  for (const info of detail.additionalInfo ?? [])
    extension.push({ url: 'additionalInfo', valueUrl: info });
  if (detail.sessionKey) extension.push({ url: 'sessionKey', valueString: detail.sessionKey });
  return { url, extension };
}

/**
 * Read a `virtualService` extension (either resource), or undefined. Its `url` is kept only when
 * it is an absolute `http(s)` URL, so that what a join button opens can never be script.
 *
 * @example
 * readVirtualService(appointment.extension)?.url
 */
export function readVirtualService(
  extensions: readonly Extension[] | undefined,
): VirtualServiceDetail | undefined {
  const ext = (extensions ?? []).find(
    (e) =>
      e.url === TelemedicineSystems.appointmentVirtualService ||
      e.url === TelemedicineSystems.encounterVirtualService,
  );
  if (!ext) return undefined;
  const detail: VirtualServiceDetail = {};
  for (const sub of ext.extension ?? []) {
    if (sub.url === 'channelType') detail.channel = sub.valueCoding?.code;
    else if (sub.url === 'addressUrl') {
      const url = webUrl(sub.valueUrl ?? sub.valueString);
      if (url) detail.url = url;
    } else if (sub.url === 'sessionKey') detail.sessionKey = sub.valueString;
    else if (sub.url === 'additionalInfo') {
      const value = sub.valueUrl ?? sub.valueString;
      if (value) (detail.additionalInfo ??= []).push(value);
    }
  }
  return detail;
}
