import { ictDate, ictDayStart } from '@vnhealth/core';

/**
 * The seed's only clock input: the start (00:00) of the day of `instant` in Asia/Ho_Chi_Minh, as
 * a UTC instant. Slots ("the coming four weeks") and the ages of children are relative to it;
 * everything else uses fixed dates. The calendar itself is `@vnhealth/core`'s (`vn/time.ts`).
 */
export function seedAnchor(instant: Date): Date {
  return new Date(ictDayStart(ictDate(instant)));
}
