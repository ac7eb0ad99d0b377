// Find a patient by CCCD with @vnhealth/core and print a short summary, identifiers masked.
//
//   npx vnhealth-sandbox                       # in another terminal: the sandbox on :8787
//   node find-patient.ts 001085012345
//   node find-patient.ts --base-url https://fhir.example.vn/R4 <cccd>
//
// With no CCCD it looks up the CCCD of the demo patient vnh-pt-001 first, then searches by it.
// Runs straight from TypeScript on Node 22.18 or newer (type stripping).
import { parseArgs } from 'node:util';
import {
  createHealthClient,
  formatName,
  isHealthError,
  isValidCccd,
  maskIdentifier,
  systemsFor,
  type Patient,
} from '@vnhealth/core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'base-url': {
      type: 'string',
      default: process.env.SANDBOX_URL ?? 'http://127.0.0.1:8787/fhir/R4',
    },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: find-patient.ts [--base-url <FHIR R4 base URL>] [<CCCD, 12 digits>]');
  process.exit(0);
}

const health = createHealthClient({ baseUrl: values['base-url'] });

/** The first identifier of `patient` whose system is one of `systems`. */
function identifierValue(patient: Patient, systems: string[]): string | undefined {
  return patient.identifier?.find((i) => i.system !== undefined && systems.includes(i.system))
    ?.value;
}

function age(birthDate: string | undefined, now = new Date()): string {
  if (!birthDate) return 'unknown';
  const born = new Date(`${birthDate.slice(0, 10)}T00:00:00+07:00`);
  let months = (now.getFullYear() - born.getFullYear()) * 12 + (now.getMonth() - born.getMonth());
  if (now.getDate() < born.getDate()) months -= 1;
  return months < 24 ? `${months} months` : `${Math.floor(months / 12)} years`;
}

function ddmmyyyy(date: string | undefined): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return d && m && y ? `${d}/${m}/${y}` : date;
}

async function main(): Promise<void> {
  let cccd = positionals[0];
  if (!cccd) {
    const demo = await health.records.getPatient('vnh-pt-001');
    cccd = identifierValue(demo, systemsFor('cccd'));
    if (!cccd) throw new Error('The demo patient vnh-pt-001 has no CCCD; pass one.');
    console.log(`No CCCD given; using the demo patient's (${maskIdentifier(cccd)}).`);
  }
  if (!isValidCccd(cccd)) {
    console.error(`"${cccd}" is not a CCCD (12 digits).`);
    process.exit(2);
  }

  const patient = await health.records.findPatient({ cccd });
  if (!patient) {
    console.log(`No patient with CCCD ${maskIdentifier(cccd)} at ${values['base-url']}.`);
    process.exit(1);
  }

  const bhyt = identifierValue(patient, systemsFor('bhyt'));
  const phone = patient.telecom?.find((t) => t.system === 'phone')?.value;
  const address = patient.address?.[0];
  const rows: [string, string][] = [
    ['Name', formatName(patient.name) || '—'],
    ['Id', patient.id ?? '—'],
    ['Born', `${ddmmyyyy(patient.birthDate)} (${age(patient.birthDate)})`],
    ['Sex', patient.gender ?? '—'],
    ['CCCD', maskIdentifier(cccd)],
    ['BHYT', bhyt ? maskIdentifier(bhyt) : '—'],
    ['Phone', phone ? maskIdentifier(phone.replace(/\s/g, ''), 3) : '—'],
    [
      'Address',
      address?.text ?? ([address?.city, address?.state].filter(Boolean).join(', ') || '—'),
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
}

main().catch((error: unknown) => {
  if (isHealthError(error)) {
    console.error(`${error.name}: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
