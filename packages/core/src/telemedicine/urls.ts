/**
 * The URL checks of the telemedicine module: a link it hands out (a video room, a calendar
 * event's URL, a doctor's photo) is a web URL or an inline image, never `javascript:` or
 * `data:text/html`, whatever the server stored.
 *
 * @module
 */
import type { Attachment } from '../fhir/index.ts';

/** The ASCII controls, DEL and the C1 controls (RFC 5545's CONTROL, and C1). */
export const isControl = (char: string): boolean => {
  const code = char.charCodeAt(0);
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};

/**
 * `raw` as an absolute `http:`/`https:` URL, or undefined when it is anything else (another
 * scheme such as `javascript:` or `data:`, a relative URL, spaces or control characters).
 */
export function webUrl(raw: string | undefined): string | undefined {
  if (!raw || [...raw].some((char) => char === ' ' || isControl(char))) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const IMAGE_TYPE = /^image\/(png|jpeg|gif|webp|avif)$/;
const BASE64 = /^[A-Za-z0-9+/]+=*$/;

/**
 * A photo as an image source: its web URL, else its inline data as a `data:image/…;base64,` URL
 * when the content type is an image type and the data is base64; undefined otherwise.
 */
export function imageSource(photo: Attachment | undefined): string | undefined {
  const url = webUrl(photo?.url);
  if (url) return url;
  const type = photo?.contentType ?? 'image/jpeg';
  return photo?.data && IMAGE_TYPE.test(type) && BASE64.test(photo.data)
    ? `data:${type};base64,${photo.data}`
    : undefined;
}
