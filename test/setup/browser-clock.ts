// Browser-project setup: in a clock run (`npm run test:clock`), every page's clock reads the
// run's time (it started at the run's instant and keeps running, across test files), as the
// sandbox's seed does (sandbox-global.ts anchors it to the same instant). Chromium cannot run
// under faketime, so the page's `Date` is faked instead; timers stay real. Outside a clock run
// (offset 0) this does nothing.
import { inject, vi } from 'vitest';

const offset = inject('clockOffsetMs');
if (offset) {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + offset, shouldAdvanceTime: true });
}
