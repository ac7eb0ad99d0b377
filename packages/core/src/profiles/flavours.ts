/**
 * The two "VN Core" implementation guides, as configuration. Reading accepts either flavour;
 * writing uses the configured one. See docs/decisions/0002-vn-core-flavours.md.
 */

/** Identifier kinds the SDK knows by name. */
export type IdentifierKind = 'cccd' | 'cmnd' | 'bhyt' | 'passport' | 'mrn' | 'facility' | 'licence';

/** Extension kinds the SDK knows by name. */
export type ExtensionKind =
  | 'ethnicity'
  | 'religion'
  | 'occupation'
  | 'nationality'
  | 'province'
  | 'ward'
  | 'educationLevel'
  | 'administrativeAddress';

/** The name of a VN Core flavour. */
export type VnCoreFlavour = 'vn-core-moh' | 'vn-core-community';

/** One VN Core flavour: identifier systems, extension URLs and where BHYT lives. */
export interface VnCoreProfile {
  readonly flavour: VnCoreFlavour;
  /** IG canonical URL. */
  readonly canonical: string;
  readonly identifierSystems: Readonly<Record<IdentifierKind, string | undefined>>;
  readonly extensions: Readonly<Partial<Record<ExtensionKind, string>>>;
  /** `patient`: BHYT is a Patient.identifier; `coverage`: it is Coverage.identifier. */
  readonly bhytOn: 'patient' | 'coverage';
}

const MOH = 'http://fhir.ehealth.gov.vn/core';
const COMMUNITY = 'http://fhir.hl7.org.vn/core';

/** The Ministry of Health IT Department draft (`http://fhir.ehealth.gov.vn/core`). */
export const vnCoreMoh: VnCoreProfile = {
  flavour: 'vn-core-moh',
  canonical: MOH,
  identifierSystems: {
    cccd: `${MOH}/sid/national_id`,
    cmnd: `${MOH}/sid/citizen_id`,
    bhyt: `${MOH}/sid/insurance_number`,
    passport: `${MOH}/sid/passport_number`,
    mrn: `${MOH}/sid/patient-internal-id`,
    facility: `${MOH}/sid/provider-code`,
    licence: `${MOH}/sid/healthworker-employee-number`,
  },
  extensions: {
    // The guide's names are swapped: "race" is ethnicity (dân tộc), "ethic" is religion.
    ethnicity: `${MOH}/StructureDefinition/extension-race`,
    religion: `${MOH}/StructureDefinition/extension-ethic`,
    occupation: `${MOH}/StructureDefinition/extension-occupation`,
    nationality: `${MOH}/StructureDefinition/extension-nationality`,
    educationLevel: `${MOH}/StructureDefinition/extension-education-level`,
    administrativeAddress: `${MOH}/StructureDefinition/extension-administrative-address`,
  },
  bhytOn: 'patient',
};

/** The community draft (`http://fhir.hl7.org.vn/core`). */
export const vnCoreCommunity: VnCoreProfile = {
  flavour: 'vn-core-community',
  canonical: COMMUNITY,
  identifierSystems: {
    cccd: `${COMMUNITY}/sid/cccd`,
    cmnd: `${COMMUNITY}/sid/cmnd`,
    bhyt: `${COMMUNITY}/sid/bhyt`,
    passport: `${COMMUNITY}/sid/passport`,
    // The community guide publishes no MRN system; hospitals use their own.
    mrn: undefined,
    facility: `${COMMUNITY}/sid/ma-cskcb`,
    licence: `${COMMUNITY}/sid/cchn`,
  },
  extensions: {
    ethnicity: `${COMMUNITY}/StructureDefinition/vn-ext-ethnicity`,
    religion: 'http://hl7.org/fhir/StructureDefinition/patient-religion',
    occupation: `${COMMUNITY}/StructureDefinition/vn-ext-occupation`,
    nationality: 'http://hl7.org/fhir/StructureDefinition/patient-citizenship',
    province: `${COMMUNITY}/StructureDefinition/vn-ext-province`,
    ward: `${COMMUNITY}/StructureDefinition/vn-ext-ward`,
  },
  bhytOn: 'coverage',
};

/** Both flavours, by name. */
export const vnCoreProfiles: Readonly<Record<VnCoreFlavour, VnCoreProfile>> = {
  'vn-core-moh': vnCoreMoh,
  'vn-core-community': vnCoreCommunity,
};

/** Resolve a flavour name or a custom profile object. */
export function resolveProfile(profile: VnCoreFlavour | VnCoreProfile | undefined): VnCoreProfile {
  if (profile === undefined) return vnCoreMoh;
  if (typeof profile === 'string') {
    const found = vnCoreProfiles[profile];
    if (!found)
      throw new TypeError(
        `Unknown VN Core flavour "${String(profile)}"; use 'vn-core-moh' or 'vn-core-community'.`,
      );
    return found;
  }
  return profile;
}

/** Every system URI that means `kind` in any known flavour (reading accepts either). */
export function systemsFor(kind: IdentifierKind): string[] {
  const systems = Object.values(vnCoreProfiles)
    .map((p) => p.identifierSystems[kind])
    .filter((s): s is string => Boolean(s));
  return [...new Set(systems)];
}
