/**
 * Browser entry of csp.node.test.ts: validates resources in a page served with
 * `Content-Security-Policy: script-src 'self'` and reports results and CSP violations.
 */
import * as z from 'zod/mini';
import { validateResource } from '../../packages/core/src/validation.ts';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(`${e.violatedDirective} ${e.blockedURI}`),
);

const valid = {
  resourceType: 'Patient',
  id: 'p1',
  name: [{ text: 'Nguyễn Văn An', family: 'Nguyễn', given: ['Văn', 'An'] }],
  birthDate: '2003-04-05',
  extension: [
    {
      url: 'http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-race',
      valueCodeableConcept: { text: 'Kinh' },
    },
  ],
};
const invalid = {
  resourceType: 'Immunization',
  status: 'Completed',
  vaccineCode: { text: 'BCG' },
  patient: { reference: 'Patient/p1' },
  occurrenceDateTime: '2024-05-01',
  occurrenceString: 'May',
  extension: [{ valueString: 'x' }],
};

const run = () => {
  const ok = validateResource(valid, { profile: 'vn-core-moh' });
  const bad = validateResource(invalid);
  // An object schema is the part of zod that would use `new Function` with the JIT on.
  const objectParse = z.object({ a: z.string() }).safeParse({ a: 'x' }).success;
  return {
    okValid: ok.ok,
    sameObject: ok.ok && ok.resource === valid,
    invalidPaths: bad.issues.map((i) => `${i.path} ${i.code}`),
    jitless: z.config().jitless,
    objectParse,
    violationsDuringValidation: [...violations],
  };
};

const results = run();
// Canary: proves the page really forbids eval (this one is expected to be blocked).
let evalBlocked = false;
try {
  new Function('return 1')();
} catch {
  evalBlocked = true;
}
(window as unknown as { __results: unknown }).__results = { ...results, evalBlocked };
