/**
 * Schedule engine benchmark (`npm run bench -- schedule`): `evaluateSchedule` on records of 30,
 * 300 and 3,000 doses, measured in one run, interleaved, with the median and spread of each, and
 * the 3,000 / 300 ratio (linear cost gives about 10×; the bound is 12×), for records of
 * constant density and for one lifetime made denser. Two schedules:
 * the CDC's CDSi supporting data 4.64 (converted from `test/vaccination/cdsi-data/`, or
 * `VNH_CDSI_DIR`) for a patient born in 1950, and Vietnam's TCMR for a child born in 2010. A
 * measurement on a shared machine, never a pass/fail test. Writes bench/results/schedule.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Immunization } from '../packages/core/src/index.ts';
import {
  addDuration,
  evaluateSchedule,
  vnTcmrSchedule,
  type ImmunizationSchedule,
} from '../packages/core/src/vaccination/schedule/index.ts';
import { cdsiSchedule } from '../test/vaccination/cdsi.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [30, 300, 3000] as const;
const ROUNDS = 15;
const CVX = 'http://hl7.org/fhir/sid/cvx';

interface Subject {
  name: string;
  schedule: ImmunizationSchedule;
  birthDate: string;
  /** The assessment day of the "one lifetime" records. */
  asOf: string;
  /** CVX codes given in turn. */
  codes: string[];
}

/** How a record of `n` doses is laid out in time. */
type Shape = 'every 3 days' | 'one lifetime';

/**
 * `n` doses of `codes` in turn: "every 3 days" from birth (a longer record covers more years,
 * each dose meets the same neighbours: the cost per dose should stay the same), or "one
 * lifetime", spread evenly from birth to the day before `asOf` (a longer record is denser:
 * more doses fall inside each other's intervals and conflict windows, so more of them are
 * evaluated in full rather than found extraneous).
 */
function record(s: Subject, n: number, shape: Shape): { imms: Immunization[]; asOf: string } {
  const span = Math.round((Date.parse(s.asOf) - Date.parse(s.birthDate)) / 86_400_000) - 1;
  const day = (i: number) =>
    shape === 'one lifetime' ? Math.floor(((i + 1) * span) / (n + 1)) : 3 * (i + 1);
  const imms = Array.from({ length: n }, (_, i): Immunization => ({
    resourceType: 'Immunization',
    id: `b${i}`,
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX, code: s.codes[i % s.codes.length]! }] },
    patient: { reference: 'Patient/bench' },
    occurrenceDateTime: addDuration(s.birthDate, `P${day(i)}D`),
  }));
  return {
    imms,
    asOf: shape === 'one lifetime' ? s.asOf : addDuration(s.birthDate, `P${day(n)}D`),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Times each size ROUNDS times, interleaved, after a warm-up. A sample repeats the evaluation
 * so that every size evaluates 3,000 doses per sample (30 doses × 100, 300 × 10, 3,000 × 1):
 * the timer's resolution and the garbage collector weigh the same on every size.
 */
function measure(s: Subject, shape: Shape) {
  const inputs = SIZES.map((n) => record(s, n, shape));
  const run = ({ imms, asOf }: { imms: Immunization[]; asOf: string }) =>
    evaluateSchedule({
      patient: { birthDate: s.birthDate, gender: 'female' },
      immunizations: imms,
      schedule: s.schedule,
      asOf,
    });
  const repeat = (n: number) => SIZES[2] / n;
  for (let i = 0; i < 3; i++)
    inputs.forEach((imms, j) => {
      for (let k = 0; k < repeat(SIZES[j]!); k++) run(imms);
    });
  const times: number[][] = SIZES.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    inputs.forEach((imms, i) => {
      const times_ = repeat(SIZES[i]!);
      const t0 = performance.now();
      let evaluated = 0;
      for (let k = 0; k < times_; k++) evaluated += run(imms).doses.length;
      times[i]!.push((performance.now() - t0) / times_);
      if (evaluated === 0) throw new Error(`${s.name}: nothing evaluated`);
    });
  }
  return SIZES.map((n, i) => {
    const t = times[i]!;
    return { n, median: median(t), min: Math.min(...t), max: Math.max(...t) };
  });
}

/** Runs the benchmark and writes bench/results/schedule.md. */
export function runScheduleBench(): string {
  const subjects: Subject[] = [
    {
      name: 'CDC CDSi 4.64 (30 antigens)',
      schedule: cdsiSchedule(),
      birthDate: '1950-03-01',
      asOf: '2025-11-10',
      codes: [
        '08',
        '20',
        '10',
        '49',
        '133',
        '03',
        '21',
        '83',
        '141',
        '115',
        '62',
        '114',
        '208',
        '09',
      ],
    },
    {
      name: 'TCMR (Vietnam, 8 lines)',
      schedule: vnTcmrSchedule,
      birthDate: '2010-03-01',
      asOf: '2026-11-28',
      codes: ['08', '198', '19', '178', '10', '05', '04', '39'],
    },
  ];
  const rows: string[] = [];
  for (const shape of ['every 3 days', 'one lifetime'] as const) {
    for (const s of subjects) {
      const m = measure(s, shape);
      const ratio = m[2]!.median / m[1]!.median;
      const cells = m.map(
        (x) => `${x.median.toFixed(2)} (${x.min.toFixed(2)}–${x.max.toFixed(2)})`,
      );
      const verdict = shape === 'every 3 days' ? (ratio <= 12 ? ' ≤ 12 ok' : ' > 12') : '';
      rows.push(`| ${s.name} | ${shape} | ${cells.join(' | ')} | ${ratio.toFixed(1)}×${verdict} |`);
      console.log(`${s.name}, ${shape}: ${cells.join(', ')} ms; 3,000/300 = ${ratio.toFixed(1)}×`);
    }
  }
  const md = [
    '# Schedule engine benchmark',
    '',
    `Generated by \`npm run bench -- schedule\` on ${new Date().toISOString()} (Node ${process.version}, ${process.arch}).`,
    `A measurement on a shared machine, not a pass/fail test: \`evaluateSchedule\` on one record of each size, ${ROUNDS} interleaved rounds after a warm-up, each sample evaluating 3,000 doses (the 30-dose record 100 times, the 300-dose one 10 times); milliseconds per evaluation, median (min–max). The doses cycle through the subject's vaccines. "Every 3 days": one dose every 3 days from birth, assessed the day after the last (the same density at every size, so the ratio measures how the cost grows with the length; linear is 10×, the bound 12×). "One lifetime": the doses spread evenly from birth to the assessment day, so 3,000 doses are ten times denser than 300 and more of them are evaluated in full (intervals, conflicts) instead of found extraneous: the work per dose grows with the density, not with the length.`,
    '',
    '| schedule | record | 30 doses | 300 doses | 3,000 doses | 3,000 / 300 |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/schedule.md`, md);
  return md;
}
