/**
 * The `.ics` export against hostile strings: RFC 5545 text escaping, line folding at 75 octets,
 * and video URLs that must not inject lines. The output is read back with a small RFC 5545
 * reader (unfold, split name/value, unescape TEXT), so a passing test means a calendar sees the
 * same properties.
 */
import { describe, expect, it } from 'vitest';
import type { Appointment } from '@vnhealth/core';
import { appointmentToIcs, virtualServiceExtension } from '@vnhealth/core/telemedicine';

const NOW = new Date('2026-11-28T00:00:00Z');
const PROPERTIES = [
  'BEGIN',
  'VERSION',
  'PRODID',
  'CALSCALE',
  'METHOD',
  'TZID',
  'DTSTART',
  'TZOFFSETFROM',
  'TZOFFSETTO',
  'TZNAME',
  'END',
  'UID',
  'DTSTAMP',
  'DTEND',
  'SUMMARY',
  'DESCRIPTION',
  'LOCATION',
  'URL',
  'STATUS',
  'TRIGGER',
  'ACTION',
];

function appointment(extra: Partial<Appointment> = {}, url?: string): Appointment {
  return {
    resourceType: 'Appointment',
    id: 'a1',
    status: 'booked',
    start: '2026-12-01T16:45:00Z',
    end: '2026-12-01T17:00:00Z',
    participant: [],
    ...(url ? { extension: [virtualServiceExtension({ url })] } : {}),
    ...extra,
  };
}

/** Content lines of an .ics: CRLF-separated physical lines, unfolded (RFC 5545 §3.1). */
function contentLines(ics: string): { name: string; value: string }[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    const bytes = new TextEncoder().encode(line);
    expect(bytes.length, line).toBeLessThanOrEqual(75);
    // A fold never splits a UTF-8 sequence: every physical line decodes on its own.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    expect(line).not.toMatch(/[\r\n]/);
  }
  const unfolded = physical
    .join('\r\n')
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  return unfolded.map((line) => {
    const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/s.exec(line);
    if (!m) throw new Error(`Not a content line: ${JSON.stringify(line)}`);
    return { name: m[1]!, value: m[2]! };
  });
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const values = (lines: { name: string; value: string }[], name: string) =>
  lines.filter((l) => l.name === name).map((l) => l.value);

describe('appointmentToIcs: text', () => {
  const hostile = [
    'Khám\r\nATTENDEE:mailto:evil@example.com',
    'dòng\nEND:VEVENT\nBEGIN:VEVENT',
    'CR\rRRULE:FREQ=DAILY',
    'line\u2028sep\u2029para',
    'nul\u0000esc\u001bdel\u007fnel\u0085vt\u000b',
    'tab\tand ; , \\ kept',
  ];

  it.each(hostile)('keeps %j inside its own property', (text) => {
    const ics = appointmentToIcs(appointment(), {
      summary: text,
      description: text,
      location: text,
      prodId: text,
      now: NOW,
    });
    const lines = contentLines(ics);
    for (const { name } of lines) expect(PROPERTIES).toContain(name);
    expect(values(lines, 'BEGIN')).toEqual([
      'VCALENDAR',
      'VTIMEZONE',
      'STANDARD',
      'VEVENT',
      'VALARM',
    ]);
    // What a calendar should read: line breaks as line breaks, the other controls gone.
    const expected = [...text.replace(/\r\n|[\r\n\u2028\u2029]/g, '\n')]
      .filter((c) => c === '\n' || c === '\t' || !/\p{Cc}/u.test(c))
      .join('');
    expect(values(lines, 'SUMMARY').map(unescapeText)).toEqual([expected]);
    expect(values(lines, 'LOCATION').map(unescapeText)).toEqual([expected]);
    expect(values(lines, 'PRODID').map(unescapeText)).toEqual([expected]);
    // The alarm repeats the summary.
    expect(values(lines, 'DESCRIPTION').map(unescapeText)).toEqual([expected, expected]);
  });

  it('escapes a hostile appointment id in the UID', () => {
    const lines = contentLines(
      appointmentToIcs(appointment({ id: 'a1\r\nX-EVIL:1;x,y' }), { summary: 'Khám', now: NOW }),
    );
    expect(lines.map((l) => l.name)).not.toContain('X-EVIL');
    expect(values(lines, 'UID').map(unescapeText)).toEqual(['a1\nX-EVIL:1;x,y@vnhealth']);
  });

  it('folds long lines at 75 octets between characters, and unfolds to the same text', () => {
    const long = 'Khám từ xa – BS. Nguyễn Thị Ánh Tuyết 👩🏻‍⚕️; '.repeat(12);
    const ics = appointmentToIcs(appointment(), { summary: long, now: NOW });
    expect(ics.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
    expect(values(contentLines(ics), 'SUMMARY').map(unescapeText)).toEqual([long]);
  });
});

describe('appointmentToIcs: video URL', () => {
  it('writes a plain https URL as URL, LOCATION and in DESCRIPTION', () => {
    const lines = contentLines(
      appointmentToIcs(appointment({}, 'https://meet.example.vn/room/abc?k=1,2'), {
        summary: 'Khám',
        description: 'Lý do',
        now: NOW,
      }),
    );
    expect(values(lines, 'URL')).toEqual(['https://meet.example.vn/room/abc?k=1,2']);
    expect(values(lines, 'LOCATION').map(unescapeText)).toEqual([
      'https://meet.example.vn/room/abc?k=1,2',
    ]);
    expect(unescapeText(values(lines, 'DESCRIPTION')[0]!)).toBe(
      'Lý do\nhttps://meet.example.vn/room/abc?k=1,2',
    );
  });

  it.each([
    'https://meet.example.vn/r\r\nATTENDEE:mailto:evil@example.com',
    'https://meet.example.vn/r\nBEGIN:VALARM',
    'https://meet.example.vn/r\rX',
    'https://meet.example.vn/r\u0000',
    'https://meet.example.vn/r\u0085x',
    'https://meet.example.vn/a b',
    ' https://meet.example.vn/r',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//meet.example.vn/r',
    'not a url',
  ])('leaves the unsafe video URL %j out and keeps the event', (url) => {
    const lines = contentLines(
      appointmentToIcs(appointment({}, url), { summary: 'Khám', description: 'Lý do', now: NOW }),
    );
    for (const { name } of lines) expect(PROPERTIES).toContain(name);
    expect(values(lines, 'URL')).toEqual([]);
    expect(values(lines, 'LOCATION')).toEqual([]);
    expect(values(lines, 'DESCRIPTION').map(unescapeText)).toEqual(['Lý do', 'Khám']);
    expect(values(lines, 'DTSTART')).toEqual(['19700101T000000', '20261201T234500']);
  });
});
