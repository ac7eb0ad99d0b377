/**
 * What the telemedicine module hands out as a video link: only an absolute http(s) URL, whatever
 * the server stored in the `virtualService` extension (found by the XSS sweep: the appointment
 * list opened a stored `javascript:` link with `window.open` and put it in `vnh-join`).
 */
import { describe, expect, it } from 'vitest';
import { readVirtualService, virtualServiceExtension } from '@vnhealth/core/telemedicine';

const stored = (url: string) => [virtualServiceExtension({ channel: 'vtelehealth', url })];

describe('readVirtualService: the link is a web URL or nothing', () => {
  it.each(['https://meet.vnhealth.example/phong/a1', 'http://127.0.0.1:8080/room?id=1'])(
    'keeps %s',
    (url) => {
      expect(readVirtualService(stored(url))).toEqual({ channel: 'vtelehealth', url });
    },
  );

  it.each([
    'javascript:alert(document.domain)',
    'JaVaScRiPt:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/phong',
    '/phong/a1',
    'https://meet.example.vn/a b',
    'https://meet.example.vn/\u0000',
  ])('leaves out %j and keeps the rest', (url) => {
    const detail = readVirtualService(stored(url));
    expect(detail).toEqual({ channel: 'vtelehealth' });
  });

  it('reads a link stored as valueString the same way', () => {
    const ext = (valueString: string) => [
      {
        url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.virtualService',
        extension: [{ url: 'addressUrl', valueString }],
      },
    ];
    expect(readVirtualService(ext('javascript:alert(1)'))).toEqual({});
    expect(readVirtualService(ext('https://meet.example.vn/x'))?.url).toBe(
      'https://meet.example.vn/x',
    );
  });
});
