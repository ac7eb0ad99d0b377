// A facility's overdue vaccinations as CSV, with @vnhealth/core: page through the children whose
// managing organisation is the facility, read each one's immunisation history, evaluate it
// against the national schedule (TCMR) as of a day, and write one row per overdue dose.
//
//   npx vnhealth-sandbox                                   # in another terminal: :8787
//   node overdue-vaccinations.ts vnh-org-bvnhi-thaibinh > overdue.csv
//   node overdue-vaccinations.ts vnh-org-bvnhi-thaibinh --as-of 2026-11-28 --out overdue.csv
//
// Progress goes to stderr (a redrawn bar on a terminal, a line now and then otherwise), the CSV to
// stdout or --out. A patient whose history cannot be read is named on stderr and counted; the exit
// code is then 1. Runs straight from TypeScript on Node 22.18 or newer (type stripping).
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  addMonths,
  createHealthClient,
  daysBetween,
  formatName,
  ictDate,
  isCalendarDate,
  isHealthError,
  type HealthClient,
  type Patient,
} from '@vnhealth/core';
import { evaluateSchedule, vnTcmrSchedule } from '@vnhealth/core/schedule';
import { csvRecord } from './csv.ts';
import { forEachLimited } from './pool.ts';
import { createProgress, type Progress } from './progress.ts';

/** The CSV's columns, in order. */
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
] as const;

type Row = Record<(typeof COLUMNS)[number], string | number>;

interface OverdueOptions {
  health: HealthClient;
  /** The facility's Organization id (`vnh-org-bvnhi-thaibinh`). */
  organization: string;
  /** The day to evaluate on, `YYYY-MM-DD` (in Vietnam). */
  asOf: string;
  /** Children younger than this many years on `asOf` are listed. */
  maxAgeYears: number;
  /** Patients evaluated at once (each is one history request). */
  concurrency: number;
  progress: Progress;
  /** Where a failed patient is reported. */
  report: (message: string) => void;
}

/** The overdue doses of one child on `asOf`: the next dose of each vaccine group, when it is overdue. */
function overdueRows(
  patient: Patient,
  immunizations: Parameters<typeof evaluateSchedule>[0]['immunizations'],
  asOf: string,
): Row[] {
  const evaluation = evaluateSchedule({
    patient,
    immunizations,
    schedule: vnTcmrSchedule,
    asOf,
  });
  return evaluation.forecasts.flatMap((group) => {
    const next = group.next;
    if (next?.due !== 'overdue' || !next.overdueDate) return [];
    return [
      {
        patient_id: patient.id ?? '',
        name: formatName(patient.name),
        birth_date: evaluation.birthDate,
        antigen: group.vaccineGroup,
        vaccine: group.name.vi,
        dose: next.doseNumber,
        due_date: next.recommendedDate,
        overdue_since: next.overdueDate,
        days_overdue: daysBetween(next.overdueDate, asOf),
      },
    ];
  });
}

/** Every overdue row of the facility's children, in search order, and how many patients failed. */
async function listOverdue(
  options: OverdueOptions,
): Promise<{ rows: Row[]; patients: number; failed: number }> {
  const { health, asOf, progress } = options;
  const perPatient: Row[][] = [];
  let failed = 0;
  let patients = 0;
  // Born after this day: younger than maxAgeYears on asOf.
  const bornAfter = addMonths(asOf, -12 * options.maxAgeYears);

  async function* children(): AsyncGenerator<Patient> {
    const pages = health.fhir.pages('Patient', {
      organization: `Organization/${options.organization}`,
      birthdate: `gt${bornAfter}`,
      _sort: '_id',
      _count: 50,
    });
    for await (const page of pages) {
      progress.total(page.total ?? patients + page.resources.length);
      for (const patient of page.resources) {
        patients += 1;
        yield patient;
      }
    }
    progress.total(patients);
  }

  await forEachLimited(children(), options.concurrency, async (patient, index) => {
    try {
      const history = await health.vaccination.getHistory(patient.id!);
      perPatient[index] = overdueRows(patient, history.immunizations, asOf);
      progress.tick(false);
    } catch (error) {
      failed += 1;
      perPatient[index] = [];
      progress.tick(true);
      options.report(`${patient.id}: ${describe(error)}`);
    }
  });
  progress.done();
  return { rows: perPatient.flat(), patients, failed };
}

function describe(error: unknown): string {
  if (isHealthError(error)) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const USAGE = `usage: overdue-vaccinations.ts <Organization id> [options]

  --as-of <YYYY-MM-DD>   the day to evaluate on            default today in Asia/Ho_Chi_Minh
  --out <file.csv>       write the CSV there               default stdout
  --max-age <years>      list children younger than this   default 16
  --concurrency <n>      patients evaluated at once        default 4
  --base-url <url>       FHIR R4 base URL                  default $SANDBOX_URL or http://127.0.0.1:8787/fhir/R4
  -h, --help`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

/** The command line; `now` is the clock `--as-of` defaults to. */
async function main(argv: string[], now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      out: { type: 'string' },
      'max-age': { type: 'string', default: '16' },
      concurrency: { type: 'string', default: '4' },
      'base-url': {
        type: 'string',
        default: process.env.SANDBOX_URL ?? 'http://127.0.0.1:8787/fhir/R4',
      },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const organization = positionals[0];
  if (!organization) fail('Give the facility: its Organization id.');
  const asOf = values['as-of'] ?? ictDate(now);
  if (!isCalendarDate(asOf)) fail(`--as-of must be a date (YYYY-MM-DD), got "${asOf}"`);

  const health = createHealthClient({ baseUrl: values['base-url'] });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const { rows, patients, failed } = await listOverdue({
    health,
    organization,
    asOf,
    maxAgeYears: positiveInt(values['max-age'], 'max-age'),
    concurrency: positiveInt(values.concurrency, 'concurrency'),
    progress: createProgress(process.stderr),
    report: (message) => console.error(`failed: ${message}`),
  });

  out.write(csvRecord(COLUMNS));
  for (const row of rows) out.write(csvRecord(COLUMNS.map((c) => row[c])));
  if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));

  console.error(
    `${rows.length} overdue doses for ${patients} children of ${organization} as of ${asOf}` +
      (failed ? `; ${failed} patients failed` : ''),
  );
  return failed ? 1 : 0;
}

main(process.argv.slice(2), new Date()).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(describe(error));
    process.exitCode = 1;
  },
);
