import { describe, expect, it } from 'vitest';
import { withConflictRetry } from './conflict.ts';
import {
  ConflictError,
  HttpError,
  NetworkError,
  SlotUnavailableError,
  TimeoutError,
} from './errors.ts';

const request = { method: 'PUT', path: 'Slot/{id}' };
const conflict = (status = 412) => new ConflictError('changed', { status, request });

/** `fn` that fails with `errors` in turn, then answers `done`; counts its calls. */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const fn = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[calls.length - 1];
    if (error) throw error;
    return 'done';
  };
  return { fn, calls };
}

describe('withConflictRetry', () => {
  it('runs again after a 409 or 412, passing the attempt number', async () => {
    const { fn, calls } = failing(conflict(409), conflict(412));
    await expect(withConflictRetry(fn)).resolves.toBe('done');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('stops after `attempts` in all and throws the last conflict', async () => {
    const last = conflict();
    const { fn, calls } = failing(conflict(), last, conflict());
    await expect(withConflictRetry(fn, { attempts: 2 })).rejects.toBe(last);
    expect(calls).toEqual([1, 2]);
    const once = failing(conflict());
    await expect(withConflictRetry(once.fn, { attempts: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(once.calls).toEqual([1]);
  });

  it('defaults to three attempts', async () => {
    const { fn, calls } = failing(conflict(), conflict(), conflict(), conflict());
    await expect(withConflictRetry(fn)).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toHaveLength(3);
  });

  it('never retries what is not a conflict: network, timeout, 5xx, a taken slot', async () => {
    for (const error of [
      new NetworkError('offline'),
      new TimeoutError('slow', 10),
      new HttpError('boom', { status: 503, request }),
      new SlotUnavailableError('taken', { status: 412, request }),
      new TypeError('bug'),
    ]) {
      const { fn, calls } = failing(error);
      await expect(withConflictRetry(fn, { attempts: 5 })).rejects.toBe(error);
      expect(calls).toEqual([1]);
    }
  });

  it('honours the signal between attempts and before the first', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const run = withConflictRetry(
      async (attempt) => {
        calls.push(attempt);
        controller.abort(new DOMException('stop', 'AbortError'));
        throw conflict();
      },
      { attempts: 5, signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([1]);
    const { fn, calls: none } = failing();
    await expect(withConflictRetry(fn, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(none).toEqual([]);
  });
});
