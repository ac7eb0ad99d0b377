/**
 * AuditEvents for every read and write of a patient's record in `--auth required` mode, as the
 * VN Core EMR server capability statement requires ("AuditEvent for every access to a health
 * record"). One AuditEvent per repository call that touched patients' records (a read, a write,
 * one search), refused attempts included: who (the client, its launch patient), what (the
 * resource or the search, and each patient whose record it was), when (`recorded`), from where
 * (the caller's network address), and the outcome.
 *
 * Events are collected while a request runs and stored when it ends, with the request's outcome
 * (the writes of a transaction that rolled back are recorded as failed). They are ordinary
 * AuditEvent resources: `GET AuditEvent?entity=Patient/{id}` lists who accessed a record.
 *
 * @module
 */
import type { AuditEvent, AuditEventEntity, Resource } from '@medplum/fhirtypes';
import type { TokenAccess } from './guard.ts';
import { patientsOf } from './compartment.ts';

/** A FHIR restful interaction, as in `http://hl7.org/fhir/restful-interaction`. */
export type AuditedInteraction =
  'read' | 'vread' | 'history-instance' | 'search-type' | 'create' | 'update' | 'patch' | 'delete';

const ACTION: Record<AuditedInteraction, AuditEvent['action']> = {
  read: 'R',
  vread: 'R',
  'history-instance': 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
  patch: 'U',
  delete: 'D',
};

const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const PERSON = { system: ENTITY_TYPE, code: '1', display: 'Person' };
const SYSTEM_OBJECT = { system: ENTITY_TYPE, code: '2', display: 'System Object' };
const role = (code: string, display: string) => ({ system: OBJECT_ROLE, code, display });

const WRITES = new Set<AuditedInteraction>(['create', 'update', 'patch', 'delete']);

interface Pending {
  interaction: AuditedInteraction;
  resources: readonly Resource[];
  query?: string;
  refused?: string;
}

/** Where the request came from and who made it. */
export interface AuditContext {
  access: TokenAccess;
  /** The caller's IP address. */
  address: string | undefined;
  /** The sandbox origin (names the observer and the client identifier system). */
  origin: string;
}

/** The AuditEvents of one request. */
export class AuditTrail {
  private readonly pending: Pending[] = [];
  private readonly context: AuditContext;

  constructor(context: AuditContext) {
    this.context = context;
  }

  /** Note an access; kept only when it touched at least one patient's record. */
  record(
    interaction: AuditedInteraction,
    resources: readonly Resource[],
    extra: { query?: string; refused?: string } = {},
  ): void {
    if (resources.some((r) => r.resourceType === 'AuditEvent')) return;
    if (!resources.some((r) => patientsOf(r).size > 0)) return;
    this.pending.push({ interaction, resources, ...extra });
  }

  /**
   * The AuditEvents of the request, ended with `failed` (a transaction rolled back: its writes
   * did not happen).
   */
  events(recorded: Date, failed: boolean): AuditEvent[] {
    return this.pending.map((p) => this.event(p, recorded, failed && WRITES.has(p.interaction)));
  }

  private event(p: Pending, recorded: Date, rolledBack: boolean): AuditEvent {
    const { access, address, origin } = this.context;
    const patients = new Set<string>();
    for (const resource of p.resources) for (const id of patientsOf(resource)) patients.add(id);
    patients.delete('(new)');
    const entity: AuditEventEntity[] = [...patients].sort().map((id) => ({
      what: { reference: `Patient/${id}` },
      type: PERSON,
      role: role('1', 'Patient'),
    }));
    if (p.query !== undefined) {
      entity.push({
        type: SYSTEM_OBJECT,
        role: role('24', 'Query'),
        description: `${p.resources[0]?.resourceType ?? ''} search`,
        query: Buffer.from(p.query, 'utf8').toString('base64'),
      });
    } else {
      for (const resource of p.resources) {
        if (!resource.id || resource.resourceType === 'Patient') continue;
        const version = resource.meta?.versionId ? `/_history/${resource.meta.versionId}` : '';
        entity.push({
          what: { reference: `${resource.resourceType}/${resource.id}${version}` },
          type: SYSTEM_OBJECT,
          role: role('4', 'Domain Resource'),
        });
      }
    }
    const outcome = p.refused ? '4' : rolledBack ? '8' : '0';
    return {
      resourceType: 'AuditEvent',
      type: {
        system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
        code: 'rest',
        display: 'RESTful Operation',
      },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: p.interaction }],
      action: ACTION[p.interaction],
      recorded: recorded.toISOString(),
      outcome,
      ...(p.refused
        ? { outcomeDesc: `Refused: ${p.refused}` }
        : rolledBack
          ? { outcomeDesc: 'The transaction failed and was rolled back' }
          : {}),
      agent: [
        {
          type: {
            coding: [
              {
                system: 'http://dicom.nema.org/resources/ontology/DCM',
                code: '110150',
                display: 'Application',
              },
            ],
          },
          who: {
            identifier: { system: `${origin}/auth/clients`, value: access.clientId },
            display: access.clientId,
          },
          requestor: true,
          ...(address ? { network: { address, type: '2' as const } } : {}),
        },
        ...(access.patient
          ? [
              {
                type: {
                  coding: [
                    {
                      system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass',
                      code: 'PAT',
                      display: 'patient',
                    },
                  ],
                },
                who: { reference: `Patient/${access.patient}` },
                requestor: false,
              },
            ]
          : []),
      ],
      source: {
        site: origin,
        observer: { display: 'vnhealth-sandbox' },
        type: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
            code: '3',
            display: 'Web Server',
          },
        ],
      },
      ...(entity.length ? { entity } : {}),
    };
  }
}
