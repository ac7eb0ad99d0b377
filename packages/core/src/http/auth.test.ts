import { describe, expect, it } from 'vitest';
import { AuthError } from '../errors.ts';
import { authHooks, type AuthState } from './auth.ts';

const state = (over: Partial<AuthState> = {}): AuthState => ({
  method: 'GET',
  path: 'Patient/1',
  signal: undefined,
  token: undefined,
  fresh: undefined,
  refreshTried: false,
  replays: 0,
  ...over,
});
type Hook<K extends 'beforeRequest' | 'afterResponse'> = ReturnType<typeof authHooks>[K];
const before = async (
  hook: Hook<'beforeRequest'>,
  call: AuthState,
  request = new Request('http://x/'),
) => {
  await hook(request, { context: { call } } as never, { retryCount: 0 } as never);
  return request;
};
const after = (hook: Hook<'afterResponse'>, call: AuthState, status: number) =>
  hook(new Request('http://x/'), { context: { call } } as never, new Response(null, { status }), {
    retryCount: 0,
  } as never);

describe('auth stage', () => {
  it('puts the token on each attempt and nowhere else', async () => {
    const hooks = authHooks('tok-1');
    const call = state();
    const request = await before(hooks.beforeRequest, call);
    expect(request.headers.get('authorization')).toBe('Bearer tok-1');
    expect(call.token).toBe('tok-1');
    const none = await before(authHooks(undefined).beforeRequest, state());
    expect(none.headers.has('authorization')).toBe(false);
  });

  it('answers a 401 with one refresh and one replay, shared by concurrent calls', async () => {
    let refreshes = 0;
    const hooks = authHooks(async ({ refresh }) => {
      if (!refresh) return 'old';
      refreshes++;
      await new Promise((r) => setTimeout(r, 10));
      return 'new';
    });
    const calls = [state(), state(), state()];
    for (const call of calls) await before(hooks.beforeRequest, call);
    const answers = await Promise.all(calls.map((call) => after(hooks.afterResponse, call, 401)));
    expect(refreshes).toBe(1);
    for (const [i, call] of calls.entries()) {
      expect(call.fresh).toBe('new');
      expect(call.replays).toBe(1);
      expect(answers[i]).toBeDefined(); // ky.retry(): replay at once
      const replay = await before(hooks.beforeRequest, call);
      expect(replay.headers.get('authorization')).toBe('Bearer new');
    }
    // A second 401 on the same call is not answered again.
    expect(await after(hooks.afterResponse, calls[0]!, 401)).toBeUndefined();
    expect(refreshes).toBe(1);
  });

  it('leaves other statuses alone, and a provider that cannot refresh gets no replay', async () => {
    const hooks = authHooks(async ({ refresh }) => (refresh ? undefined : 'old'));
    const call = state();
    await before(hooks.beforeRequest, call);
    expect(await after(hooks.afterResponse, call, 200)).toBeUndefined();
    expect(await after(hooks.afterResponse, call, 401)).toBeUndefined();
    expect(call.replays).toBe(0);
  });

  it('a failing token provider is an AuthError whose cause keeps no message', async () => {
    const hooks = authHooks(() => {
      throw new Error('refresh token rt-SECRET expired');
    });
    const failure = await before(hooks.beforeRequest, state({ path: 'Patient/vnh-pt-001' })).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AuthError);
    expect(String((failure as Error).message)).toContain('GET Patient/{id}');
    expect(JSON.stringify((failure as Error).cause)).not.toContain('rt-SECRET');
  });
});
