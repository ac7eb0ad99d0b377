/**
 * Retry attempts measured over real HTTP (the sandbox behind test/transport/proxy.ts): what
 * reaches the wire when the server keeps failing. `npm run bench -- retries`; writes
 * bench/results/retries.md. `VNH_CORE=<path to a core src/index.ts>` measures another copy of
 * the core (e.g. an older commit) with the same script.
 */
import { writeFile } from 'node:fs/promises';
import type * as CoreModule from '@vnhealth/core';
import { startSandbox } from '@vnhealth/sandbox';
import { startProxy, type FaultProxy } from '../test/transport/proxy.ts';

type Core = typeof CoreModule;

async function measure(core: Core, proxy: FaultProxy, base: string): Promise<string[]> {
  const rows: string[] = [];
  const run = async (what: string, fault: () => void, act: () => Promise<unknown>) => {
    proxy.reset();
    fault();
    const t0 = Date.now();
    await act().catch(() => undefined);
    const ms = Date.now() - t0;
    const n = proxy.requests.length;
    rows.push(`| ${what} | ${n} | ${ms} |`);
  };
  const always503 = () =>
    proxy.inject(
      { kind: 'status', status: 503, headers: { 'retry-after': '0' }, body: '' },
      { times: 100_000 },
    );
  const ids = Array.from({ length: 50 }, (_, i) => `vnh-pt-${String(i + 1).padStart(3, '0')}`);
  for (const autoBatch of [true, false]) {
    await run(
      `50 concurrent reads, every answer 503 \`Retry-After: 0\` (autoBatch ${autoBatch ? 'on' : 'off'})`,
      always503,
      () => {
        const { fhir } = core.createHealthClient({
          baseUrl: base,
          validation: 'off',
          ...(autoBatch ? {} : { autoBatch: false }),
        });
        return Promise.allSettled(ids.map((id) => fhir.read('Patient', id)));
      },
    );
  }
  const client = () => core.createHealthClient({ baseUrl: base, validation: 'off' }).fhir;
  await run('create (POST) without If-None-Exist, answered 503', always503, () =>
    client().create({ resourceType: 'Patient' }),
  );
  await run(
    'create (POST) without If-None-Exist, connection reset',
    () => proxy.inject({ kind: 'reset' }, { times: 100 }),
    () => client().create({ resourceType: 'Patient' }),
  );
  const booking = (conditional: boolean) => [
    {
      fullUrl: 'urn:uuid:3c9b3f3e-1b7e-4a53-9e7b-9d0d3b1c0a11',
      resource: { resourceType: 'Appointment', status: 'booked', participant: [] },
      request: {
        method: 'POST' as const,
        url: 'Appointment',
        ...(conditional ? { ifNoneExist: 'identifier=urn:x-bench|1' } : {}),
      },
    },
    {
      resource: { resourceType: 'Slot', id: 'vnh-slot-x', status: 'busy' },
      request: {
        method: 'PUT' as const,
        url: 'Slot/vnh-slot-x',
        ...(conditional ? { ifMatch: 'W/"1"' } : {}),
      },
    },
  ];
  for (const conditional of [true, false]) {
    await run(
      `one booking transaction (${conditional ? 'If-None-Exist + If-Match entries' : 'unconditional entries'}), every POST reset`,
      () => proxy.inject({ kind: 'reset' }, { times: 100 }),
      () => client().transaction(booking(conditional) as never),
    );
  }
  // The whole domain call: book() with the domain code of this checkout over this transport.
  proxy.reset();
  const health = core.createHealthClient({ baseUrl: base, validation: 'off' });
  const free = await health.fhir.search('Slot', { status: 'free', _count: 1 });
  const slot = free.resources[0]?.id;
  if (slot) {
    proxy.reset();
    proxy.inject({ kind: 'reset' }, { times: 1000, match: (r) => r.method === 'POST' });
    const t0 = Date.now();
    await health.telemedicine
      .book({ slot, patient: 'vnh-pt-001', reason: 'bench', mode: 'video' })
      .catch(() => undefined);
    rows.push(
      `| telemedicine.book(), every POST reset: POSTs (all requests) | ${proxy.count('POST')} (${proxy.requests.length}) | ${Date.now() - t0} |`,
    );
  }
  return rows;
}

export async function runRetriesBench(): Promise<string> {
  const core = (await import(process.env.VNH_CORE ?? '@vnhealth/core')) as Core;
  const sandbox = await startSandbox({ port: 0, patients: 60, quiet: true });
  const proxy = await startProxy(sandbox.origin);
  try {
    const rows = await measure(core, proxy, proxy.origin + '/fhir/R4');
    const table = [
      `Requests on the wire (${process.env.VNH_CORE ? `core from ${process.env.VNH_CORE}` : 'this checkout'}; default retry policy, limit 3):`,
      '',
      '| what | requests | ms |',
      '| --- | ---: | ---: |',
      ...rows,
    ].join('\n');
    if (!process.env.VNH_CORE) await writeFile('bench/results/retries.md', table + '\n');
    return table;
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}
