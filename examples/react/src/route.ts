// The app's two pages, on the URL hash: `#/patient/<id>` and `#/patient/<id>/booking`.
import { useEffect, useState } from 'react';

export interface Route {
  patientId: string;
  page: 'patient' | 'booking';
}

/** The seeded demo patient (Nguyễn Văn An) when the hash names none. */
export const DEFAULT_PATIENT = 'vnh-pt-001';

export function parseRoute(hash: string): Route {
  const [, id, page] = /^#\/patient\/([\w-]+)(?:\/(booking))?$/.exec(hash) ?? [];
  return { patientId: id ?? DEFAULT_PATIENT, page: page === 'booking' ? 'booking' : 'patient' };
}

export function href(route: Route): string {
  return `#/patient/${route.patientId}${route.page === 'booking' ? '/booking' : ''}`;
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
