// examples/node-overdue-vaccinations as a user gets it: copied out, installed from the packed
// tarballs, `npm start --silent -- <facility> --as-of <day>` per its README on Node 24 against the packed
// sandbox's CLI seeded for that same day. The CSV on stdout is parsed strictly (RFC 4180); its
// rows are what the schedule engine gives for the facility's children read here over plain FHIR
// REST; the 14-month-old vnh-pt-003's overdue doses are among them; progress is on stderr only.
// Then, behind a proxy that fails vnh-pt-003's immunisation search, that patient is reported on
// stderr and counted, the others still listed, and the exit code is 1.
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Bundle, Immunization, Patient } from '@vnhealth/core';
import { evaluateSchedule, vnTcmrSchedule } from '@vnhealth/core/schedule';
import { installExample } from './examples.ts';
import { consumerEnv, run, startSandboxCli, type SandboxCli } from './harness.ts';

const env = consumerEnv(24);
/** The day the sandbox is seeded for and the script evaluates on (children's ages count to it). */
const AS_OF = '2026-11-28';
const FACILITY = 'vnh-org-bvnhi-thaibinh';
const COLUMNS = [
  'patient_id',
  'name',
  'birth_date',
  'antigen',
  'vaccine',
  'dose',
  'due_date',
  'overdue_since',
  'days_overdue',
];
let dir: string;
let sandbox: SandboxCli;

beforeAll(async () => {
  dir = installExample('node-overdue-vaccinations', inject('tarballs'));
  sandbox = await startSandboxCli(dir, env, 0, ['--now', AS_OF]);
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * RFC 4180, strictly: CRLF after every record (the last included), a quoted field's quotes
 * doubled, no quote inside an unquoted field, nothing after a closing quote but a separator.
 * Throws on anything else.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`CSV: ${why} at offset ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unclosed quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote inside an unquoted field');
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else fail('expected "," or CRLF');
  }
  if (record.length) fail('last record without CRLF');
  return records;
}

/** The CSV's rows as objects, after checking the header and every record's width. */
function rowsOf(stdout: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(stdout);
  expect(header).toEqual(COLUMNS);
  for (const r of records) expect(r).toHaveLength(COLUMNS.length);
  return records.map((r) => Object.fromEntries(COLUMNS.map((c, k) => [c, r[k]!])));
}

async function getAll<T>(url: string): Promise<T[]> {
  const out: T[] = [];
  for (let next: string | undefined = url; next;) {
    const response = await fetch(next, { headers: { accept: 'application/fhir+json' } });
    expect(response.status, next).toBe(200);
    const bundle = (await response.json()) as Bundle;
    out.push(...(bundle.entry ?? []).map((e) => e.resource as T));
    next = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return out;
}

/**
 * What the CSV should hold, from the sandbox over plain FHIR REST (no SDK client): the facility's
 * patients born after AS_OF minus 16 years, each one's Immunizations (entered-in-error left out),
 * and the next dose of each vaccine group that the schedule engine calls overdue.
 */
async function expectedRows(): Promise<string[]> {
  const bornAfter = `${Number(AS_OF.slice(0, 4)) - 16}${AS_OF.slice(4)}`;
  const patients = await getAll<Patient>(
    `${sandbox.baseUrl}/Patient?organization=Organization/${FACILITY}&birthdate=gt${bornAfter}&_count=100`,
  );
  expect(patients.map((p) => p.id)).toContain('vnh-pt-003');
  const rows: string[] = [];
  for (const patient of patients) {
    const immunizations = (
      await getAll<Immunization>(
        `${sandbox.baseUrl}/Immunization?patient=Patient/${patient.id}&_count=200`,
      )
    ).filter((imm) => imm.status !== 'entered-in-error');
    const evaluation = evaluateSchedule({
      patient,
      immunizations,
      schedule: vnTcmrSchedule,
      asOf: AS_OF,
    });
    for (const g of evaluation.forecasts)
      if (g.next?.due === 'overdue')
        rows.push(
          [
            patient.id,
            g.vaccineGroup,
            g.next.doseNumber,
            g.next.recommendedDate,
            g.next.overdueDate,
          ].join('|'),
        );
  }
  return rows.sort();
}

const key = (r: Record<string, string>) =>
  [r.patient_id, r.antigen, r.dose, r.due_date, r.overdue_since].join('|');

test('npm start --silent -- <facility> --as-of <day> → strict CSV on stdout: the overdue doses the engine gives for the facility’s children, vnh-pt-003’s among them; progress on stderr', async () => {
  const result = await run('npm', ['start', '--silent', '--', FACILITY, '--as-of', AS_OF], {
    cwd: dir,
    env: { ...env, SANDBOX_URL: sandbox.baseUrl },
  });
  expect(result.code, result.stderr).toBe(0);
  // `--silent` keeps npm's own "> … start" lines off stdout: stdout is the CSV, all of it.
  const rows = rowsOf(result.stdout);

  const khoa = rows.filter((r) => r.patient_id === 'vnh-pt-003');
  expect(khoa[0]?.name).toBe('Lê Minh Khoa');
  // The seed's 14-month-old: pentavalent 3 (DTP, Hib, hepatitis B), bOPV 3 and JE 1 overdue.
  expect(khoa.map((r) => `${r.antigen} ${r.dose}`)).toEqual(
    expect.arrayContaining(['dtp 3', 'hib 3', 'polio-opv 3', 'japanese-encephalitis 1']),
  );
  for (const r of rows) {
    expect(Number(r.days_overdue)).toBeGreaterThanOrEqual(0);
    expect(r.overdue_since! <= AS_OF).toBe(true);
  }

  const expected = await expectedRows();
  expect(rows.length).toBe(expected.length);
  expect(rows.map(key).sort()).toEqual(expected);

  expect(result.stderr).toMatch(/\b(\d+)\/\1 patients\b/);
  expect(result.stderr).toContain(`${rows.length} overdue doses`);
  expect(result.stdout).not.toMatch(/patients|overdue doses/);
});

/**
 * A proxy to the sandbox that fails the immunisation search of one patient (in a FHIR batch, as
 * the SDK sends it, or alone) with a 500 and passes everything else through.
 */
async function failingProxy(patientId: string): Promise<{ url: string; server: Server }> {
  const needle = `Immunization?patient=Patient%2F${patientId}&`;
  const outcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'exception', diagnostics: 'injected by the test' }],
  };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = request.url ?? '/';
    if (decodeURIComponent(path).includes(`Immunization?patient=Patient/${patientId}&`)) {
      response.writeHead(500, { 'content-type': 'application/fhir+json' });
      response.end(JSON.stringify(outcome));
      return;
    }
    const upstream = await fetch(`${sandbox.origin}${path}`, {
      method: request.method,
      headers: {
        accept: 'application/fhir+json',
        ...(body.length ? { 'content-type': 'application/fhir+json' } : {}),
      },
      body: body.length ? body : undefined,
    });
    let text = await upstream.text();
    const batch = body.length ? (JSON.parse(body.toString()) as Bundle) : undefined;
    const hit = batch?.entry?.findIndex((e) => e.request?.url.startsWith(needle)) ?? -1;
    if (hit >= 0) {
      const answer = JSON.parse(text) as Bundle;
      answer.entry![hit] = { response: { status: '500 Internal Server Error', outcome } } as never;
      text = JSON.stringify(answer);
    }
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/fhir+json',
    });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/fhir/R4`, server };
}

test('a patient whose history cannot be read is named on stderr and counted, the others still listed, exit code 1', async () => {
  const proxy = await failingProxy('vnh-pt-003');
  try {
    const result = await run(
      'npm',
      ['start', '--silent', '--', FACILITY, '--as-of', AS_OF, '--base-url', proxy.url],
      { cwd: dir, env },
    );
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^failed: vnh-pt-003: /m);
    expect(result.stderr).toMatch(/; 1 patients failed/);
    expect(result.stderr).not.toMatch(/^failed: (?!vnh-pt-003)/m);
    const rows = rowsOf(result.stdout);
    expect(rows.some((r) => r.patient_id === 'vnh-pt-003')).toBe(false);
    const others = (await expectedRows()).filter((k) => !k.startsWith('vnh-pt-003|'));
    expect(rows.map(key).sort()).toEqual(others);
  } finally {
    await new Promise((resolve) => proxy.server.close(resolve));
  }
});
