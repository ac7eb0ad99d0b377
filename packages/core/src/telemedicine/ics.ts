/**
 * iCalendar (RFC 5545) export of an appointment, generated client-side.
 *
 * @module
 */
import type { Appointment } from '../fhir/index.ts';
import { readVirtualService } from './conventions.ts';
import { ICT_OFFSET_MS } from './time.ts';

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

function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Fold lines longer than 75 octets (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
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

function ictLocal(iso: string): string {
  return new Date(Date.parse(iso) + ICT_OFFSET_MS).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function utcStamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

/**
 * An `.ics` document for an appointment, with times in Asia/Ho_Chi_Minh (`TZID`, and a
 * `VTIMEZONE` so that calendars without the zone database still place it right).
 *
 * @example
 * const text = appointmentToIcs(appointment, { summary: 'Khám từ xa' });
 * const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
 */
export function appointmentToIcs(appointment: Appointment, options: IcsOptions): string {
  if (!appointment.start || !appointment.end) {
    throw new RangeError('appointmentToIcs needs Appointment.start and end.');
  }
  const video = readVirtualService(appointment.extension);
  const location = options.location ?? video?.url;
  const description = [options.description, video?.url].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId ?? '-//vnhealth//telemedicine//VI'}`,
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
    `UID:${appointment.id ?? 'appointment'}@vnhealth`,
    `DTSTAMP:${utcStamp(options.now ?? new Date())}`,
    `DTSTART;TZID=Asia/Ho_Chi_Minh:${ictLocal(appointment.start)}`,
    `DTEND;TZID=Asia/Ho_Chi_Minh:${ictLocal(appointment.end)}`,
    `SUMMARY:${escapeText(options.summary)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    ...(video?.url ? [`URL:${video.url}`] : []),
    `STATUS:${appointment.status === 'proposed' || appointment.status === 'pending' ? 'TENTATIVE' : appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'BEGIN:VALARM',
    'TRIGGER:-PT15M',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(options.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
