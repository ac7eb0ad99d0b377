/**
 * iCalendar (RFC 5545) export of an appointment, generated client-side.
 *
 * @module
 */
import type { Appointment } from '../fhir/index.ts';
import { readVirtualService } from './conventions.ts';
import { toIctIso } from '../kernel.ts';
import { isControl, webUrl } from './urls.ts';

/** What goes into the calendar event. */
export interface IcsOptions {
  /** Event title, e.g. `Khám từ xa – BS. Nguyễn Văn An`. */
  summary: string;
  /** Longer text (reason, instructions). */
  description?: string;
  /** Where: a facility name or the video link. */
  location?: string;
  /** Product id in `PRODID`. @default '-//vnhealth//telemedicine//VI' */
  prodId?: string;
  /** Stamp time. @default now */
  now?: Date;
}

const encoder = new TextEncoder();

/**
 * A TEXT value (RFC 5545 §3.3.11): every line break (CRLF, CR, LF, U+2028/9) becomes the `\n`
 * escape, other control characters are removed, and `\`, `;` and `,` are escaped, so no value
 * can end its line and start a property of its own.
 */
function escapeIcsText(value: string): string {
  const lines = value.replace(/\r\n|[\r\n\u2028\u2029]/g, '\n');
  return [...lines]
    .filter((char) => char === '\n' || char === '\t' || !isControl(char))
    .join('')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Fold a content line longer than 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function foldIcsLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation line is a space and 74.
    if (size + length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20261201T234500`: an instant as ICT wall-clock time, for `TZID=Asia/Ho_Chi_Minh`. */
function ictLocal(iso: string): string {
  return toIctIso(iso).slice(0, 19).replace(/[-:]/g, '');
}

function utcStamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

/**
 * An `.ics` document for an appointment, with times in Asia/Ho_Chi_Minh (`TZID`, and a
 * `VTIMEZONE` so that calendars without the zone database still place it right). Every text is
 * escaped and every line folded (RFC 5545); a video URL that is not a plain `http(s)` URL is left
 * out.
 *
 * @example
 * const text = appointmentToIcs(appointment, { summary: 'Khám từ xa' });
 * const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
 */
export function appointmentToIcs(appointment: Appointment, options: IcsOptions): string {
  if (!appointment.start || !appointment.end) {
    throw new RangeError('appointmentToIcs needs Appointment.start and end.');
  }
  // Only an absolute http(s) URL free of spaces and controls: another could add lines to the
  // event or run script through `javascript:`; the rest of the event is kept.
  const videoUrl = webUrl(readVirtualService(appointment.extension)?.url);
  const location = options.location ?? videoUrl;
  const description = [options.description, videoUrl].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeIcsText(options.prodId ?? '-//vnhealth//telemedicine//VI')}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Ho_Chi_Minh',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0700',
    'TZOFFSETTO:+0700',
    'TZNAME:ICT',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(appointment.id ?? 'appointment')}@vnhealth`,
    `DTSTAMP:${utcStamp(options.now ?? new Date())}`,
    `DTSTART;TZID=Asia/Ho_Chi_Minh:${ictLocal(appointment.start)}`,
    `DTEND;TZID=Asia/Ho_Chi_Minh:${ictLocal(appointment.end)}`,
    `SUMMARY:${escapeIcsText(options.summary)}`,
    ...(description ? [`DESCRIPTION:${escapeIcsText(description)}`] : []),
    ...(location ? [`LOCATION:${escapeIcsText(location)}`] : []),
    ...(videoUrl ? [`URL:${videoUrl}`] : []),
    `STATUS:${appointment.status === 'proposed' || appointment.status === 'pending' ? 'TENTATIVE' : appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'BEGIN:VALARM',
    'TRIGGER:-PT15M',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeIcsText(options.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
