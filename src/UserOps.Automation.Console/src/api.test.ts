import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANTI_FORGERY_HEADER, ApiError, api, onUnauthorized } from './api';

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the anti-forgery header and the session cookie with every request', async () => {
    const fetch = vi.fn(async (_path: string, _init?: RequestInit) => answer(200, { userName: 'ed', role: 'editor', mustChangePassword: false }));
    vi.stubGlobal('fetch', fetch);

    await api.signIn('ed', 'secret');

    const init = fetch.mock.calls[0][1]!;
    expect((init.headers as Record<string, string>)[ANTI_FORGERY_HEADER]).toBe('XMLHttpRequest');
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(init.body as string)).toEqual({ userName: 'ed', password: 'secret' });
  });

  it('shows a refused sign-in as the host put it, without ending the session', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, { title: 'Sign-in failed', detail: 'The user name or the password is wrong.' })));
    const ended = vi.fn();
    const stop = onUnauthorized(ended);

    const error = await api.signIn('ed', 'wrong').catch(e => e as ApiError);

    stop();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem?.detail).toBe('The user name or the password is wrong.');
    expect(ended).not.toHaveBeenCalled();
  });

  it('ends the session on any other 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, { title: 'Unauthorized' })));
    const ended = vi.fn();
    const stop = onUnauthorized(ended);

    await expect(api.workflows()).rejects.toBeInstanceOf(ApiError);

    stop();
    expect(ended).toHaveBeenCalledOnce();
  });

  it('keeps a 403 problem (role too low) for the caller to show', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(403, { title: 'Forbidden', detail: 'POST /api/workflows/x/publish needs the publisher role.' })));

    const error = await api.publish('x').catch(e => e as ApiError);

    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).problem?.detail).toContain('publisher');
  });
});

describe('api.session', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is null when the host says nobody is signed in, the session otherwise', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { signedIn: false, userName: null, role: null, mustChangePassword: false })));
    expect(await api.session()).toBeNull();

    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { signedIn: true, userName: 'pat', role: 'publisher', mustChangePassword: false })));
    expect(await api.session()).toEqual({ userName: 'pat', role: 'publisher', mustChangePassword: false });
  });
});
