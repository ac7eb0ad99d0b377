/**
 * Doctor-to-doctor teleconsultation (hội chẩn từ xa): a ServiceRequest, a Task that tracks it and
 * Communications for the question and the replies.
 *
 * @internal
 * @module
 */
import {
  withConflictRetry,
  HealthError,
  isConflictError,
  isNetworkError,
  isTimeoutError,
} from '../kernel.ts';
import type { Communication, ServiceRequest, Task } from '../fhir/index.ts';
import type { BundleEntryResult, BundleRequestEntry, RequestOptions } from '../http/types.ts';
import { TelemedicineSystems } from './conventions.ts';
import {
  CONFLICT_ATTEMPTS,
  findByKey,
  fresh,
  keyQuery,
  readFresh,
  readMaybe,
  type TelemedicineContext,
} from './context.ts';
import { ifMatchOf, toId, toReference, uuid } from './refs.ts';
import type {
  Consult,
  ConsultReplyInput,
  ConsultRequestInput,
  ConsultStatus,
  ListConsultsQuery,
} from './types.ts';

const CATEGORY = {
  coding: [
    {
      system: TelemedicineSystems.teleconsultation,
      code: 'teleconsultation',
      display: 'Hội chẩn từ xa',
    },
  ],
  text: 'Hội chẩn từ xa',
};

function buildConsult(
  task: Task,
  serviceRequest: ServiceRequest,
  messages: Communication[],
): Consult {
  return {
    id: task.id ?? '',
    status: task.status,
    question: serviceRequest.note?.[0]?.text ?? task.description ?? '',
    task,
    serviceRequest,
    messages,
  };
}

/** The consult whose ServiceRequest carries this key, if it was created. */
async function consultByKey(
  ctx: TelemedicineContext,
  key: string,
  options?: RequestOptions,
): Promise<Consult | undefined> {
  const serviceRequest = await findByKey<ServiceRequest>(ctx, 'ServiceRequest', key, options);
  if (!serviceRequest?.id) return undefined;
  const tasks = await ctx.fhir.search(
    'Task',
    { focus: `ServiceRequest/${serviceRequest.id}`, _count: 1 },
    fresh(options),
  );
  const id = tasks.resources[0]?.id;
  return id ? getConsult(ctx, id, options) : undefined;
}

/** `TelemedicineClient.requestConsult`. */
export async function requestConsult(
  ctx: TelemedicineContext,
  input: ConsultRequestInput,
  options?: RequestOptions,
): Promise<Consult> {
  if (!input.question.trim()) throw new TypeError('requestConsult() needs a question.');
  const key = input.idempotencyKey ?? uuid();
  if (input.idempotencyKey) {
    const existing = await consultByKey(ctx, key, options);
    if (existing) return existing;
  }
  const patient = { reference: toReference(input.patient, 'Patient') };
  const from = { reference: toReference(input.from, 'Practitioner') };
  const to = { reference: toReference(input.to, 'Organization') };
  const identifier = [{ system: TelemedicineSystems.idempotencyKey, value: key }];
  const authoredOn = ctx.now().toISOString();
  const srUrl = `urn:uuid:${uuid()}`;
  const taskUrl = `urn:uuid:${uuid()}`;
  const ifNoneExist = keyQuery(key);
  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    identifier,
    status: 'active',
    intent: 'order',
    priority: input.priority ?? 'routine',
    category: [CATEGORY],
    code: {
      coding: [{ system: TelemedicineSystems.snomed, code: '11429006', display: 'Consultation' }],
      text: 'Hội chẩn từ xa',
    },
    subject: patient,
    requester: from as ServiceRequest['requester'],
    performer: [to as NonNullable<ServiceRequest['performer']>[number]],
    authoredOn,
    note: [{ text: input.question }],
  };
  const task: Task = {
    resourceType: 'Task',
    identifier,
    status: 'requested',
    intent: 'order',
    priority: input.priority ?? 'routine',
    code: CATEGORY,
    description: input.question.slice(0, 500),
    focus: { reference: srUrl },
    basedOn: [{ reference: srUrl }],
    for: patient,
    authoredOn,
    lastModified: authoredOn,
    requester: from as Task['requester'],
    owner: to as Task['owner'],
  };
  const message: Communication = {
    resourceType: 'Communication',
    identifier,
    status: 'completed',
    category: [CATEGORY],
    basedOn: [{ reference: srUrl }],
    partOf: [{ reference: taskUrl }],
    subject: patient,
    sender: from as Communication['sender'],
    recipient: [to as NonNullable<Communication['recipient']>[number]],
    sent: authoredOn,
    payload: [
      { contentString: input.question },
      ...(input.attachments ?? []).map((a) => ({ contentAttachment: a })),
    ],
  };
  // Every entry is a conditional create on the key: a transport retry after a lost answer
  // returns what the first attempt created.
  const entries: BundleRequestEntry[] = [
    {
      fullUrl: srUrl,
      resource: serviceRequest,
      request: { method: 'POST', url: 'ServiceRequest', ifNoneExist },
    },
    { fullUrl: taskUrl, resource: task, request: { method: 'POST', url: 'Task', ifNoneExist } },
    {
      fullUrl: `urn:uuid:${uuid()}`,
      resource: message,
      request: { method: 'POST', url: 'Communication', ifNoneExist },
    },
  ];
  let results: BundleEntryResult[];
  try {
    results = await ctx.fhir.transaction(entries, options);
  } catch (error) {
    // The outcome is unknown (lost answer) or taken (a concurrent attempt with the same key).
    if (!(isNetworkError(error) || isTimeoutError(error) || isConflictError(error))) throw error;
    if (options?.signal?.aborted) throw error;
    const created = await consultByKey(ctx, key, options);
    if (created) return created;
    throw error;
  }
  const [sr, tk, msg] = results.map((r) => r.resource);
  if (sr?.resourceType === 'ServiceRequest' && tk?.resourceType === 'Task') {
    return buildConsult(
      tk as Task,
      sr as ServiceRequest,
      msg?.resourceType === 'Communication' ? [msg as Communication] : [],
    );
  }
  const location = results[1]?.location;
  if (location) return getConsult(ctx, toId(location, 'Task'), options);
  throw new HealthError('The consult was created but could not be read back.');
}

/** `TelemedicineClient.getConsult`. */
export async function getConsult(
  ctx: TelemedicineContext,
  id: string,
  options?: RequestOptions,
): Promise<Consult> {
  const task = await readFresh(ctx, 'Task', toId(id, 'Task'), options);
  const focus = task.focus?.reference ?? task.basedOn?.[0]?.reference;
  if (!focus) throw new HealthError(`Task/${task.id} is not a teleconsultation (it has no focus).`);
  const serviceRequest = await readFresh(
    ctx,
    'ServiceRequest',
    toId(focus, 'ServiceRequest'),
    options,
  );
  const messages: Communication[] = [];
  for await (const page of ctx.fhir.pages(
    'Communication',
    { 'based-on': `ServiceRequest/${serviceRequest.id}`, _count: 100 },
    fresh(options),
  )) {
    messages.push(...page.resources);
  }
  messages.sort((a, b) => Date.parse(a.sent ?? '') - Date.parse(b.sent ?? ''));
  return buildConsult(task, serviceRequest, messages);
}

/** `TelemedicineClient.listConsults`. */
export async function listConsults(
  ctx: TelemedicineContext,
  query: ListConsultsQuery = {},
): Promise<Consult[]> {
  const params: Record<string, string | number | string[]> = {
    code: `${TelemedicineSystems.teleconsultation}|teleconsultation`,
    _sort: '-authored-on',
    _count: query.limit ?? 50,
  };
  if (query.requester) params.requester = query.requester;
  if (query.owner) params.owner = query.owner;
  if (query.patient) params.patient = toReference(query.patient, 'Patient');
  if (query.status)
    params.status = Array.isArray(query.status) ? query.status : [query.status as string];
  const result = await ctx.fhir.search('Task', params, query);
  return Promise.all(
    result.resources.map(async (task) => {
      const focus = task.focus?.reference;
      const sr =
        (result.included.find(
          (r) => focus && `${r.resourceType}/${r.id}` === toReference(focus, 'ServiceRequest'),
        ) as ServiceRequest | undefined) ??
        (await readMaybe<ServiceRequest>(
          ctx,
          focus && toReference(focus, 'ServiceRequest'),
          query,
        ));
      return buildConsult(
        task,
        sr ?? {
          resourceType: 'ServiceRequest',
          status: 'unknown',
          intent: 'order',
          subject: task.for ?? {},
        },
        [],
      );
    }),
  );
}

/** `TelemedicineClient.replyConsult`. */
export async function replyConsult(
  ctx: TelemedicineContext,
  consult: Consult | string,
  reply: ConsultReplyInput,
  options?: RequestOptions,
): Promise<Consult> {
  const taskId = typeof consult === 'string' ? toId(consult, 'Task') : consult.id;
  const key = uuid(); // one reply, however many attempts
  await withConflictRetry(
    async () => {
      const task = await readFresh(ctx, 'Task', taskId, options);
      const sent = ctx.now().toISOString();
      const message: Communication = {
        resourceType: 'Communication',
        identifier: [{ system: TelemedicineSystems.idempotencyKey, value: key }],
        status: 'completed',
        category: [
          { coding: [{ system: TelemedicineSystems.teleconsultation, code: 'teleconsultation' }] },
        ],
        basedOn: [{ reference: toReference(task.focus?.reference ?? '', 'ServiceRequest') }],
        partOf: [{ reference: `Task/${taskId}` }],
        ...(task.for ? { subject: task.for } : {}),
        sender: { reference: toReference(reply.from, 'Practitioner') } as Communication['sender'],
        ...(task.requester
          ? { recipient: [task.requester as NonNullable<Communication['recipient']>[number]] }
          : {}),
        sent,
        payload: [
          { contentString: reply.text },
          ...(reply.attachments ?? []).map((a) => ({ contentAttachment: a })),
        ],
      };
      const entries: BundleRequestEntry[] = [
        {
          fullUrl: `urn:uuid:${uuid()}`,
          resource: message,
          request: { method: 'POST', url: 'Communication', ifNoneExist: keyQuery(key) },
        },
      ];
      if (reply.status && reply.status !== task.status) {
        entries.push({
          resource: { ...task, status: reply.status as ConsultStatus, lastModified: sent },
          request: { method: 'PUT', url: `Task/${taskId}`, ...ifMatchOf(task) },
        });
      }
      await ctx.fhir.transaction(entries, options);
    },
    { attempts: CONFLICT_ATTEMPTS, signal: options?.signal },
  );
  return getConsult(ctx, taskId, options);
}
