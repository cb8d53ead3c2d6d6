import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANTI_FORGERY_HEADER, ApiError, importCsvWithProgress, onUnauthorized, workflowOps } from './api';

/** Just enough of XMLHttpRequest to play an upload: progress events, then the host's answer. */
class FakeXhr {
  static last: FakeXhr;
  method = ''; url = ''; headers: Record<string, string> = {}; body: unknown; withCredentials = false;
  status = 0; statusText = ''; responseText = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null; onerror: (() => void) | null = null; onabort: (() => void) | null = null;
  constructor() { FakeXhr.last = this; }
  open(method: string, url: string) { this.method = method; this.url = url; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send(body: unknown) { this.body = body; }
  abort() { this.onabort?.(); }
  answer(status: number, body: unknown) { this.status = status; this.responseText = JSON.stringify(body); this.onload?.(); }
}

describe('importCsvWithProgress', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports the bytes sent, asks for a 202 with the anti-forgery header, and resolves with the operation', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const file = new Blob(['externalId\nu-1\n'], { type: 'text/csv' });
    const progress: Array<[number, number]> = [];

    const done = importCsvWithProgress('contacts', file, 'my file.csv', (sent, total) => progress.push([sent, total]));
    const xhr = FakeXhr.last;
    xhr.upload.onprogress!({ loaded: 5, total: 15, lengthComputable: true });
    xhr.upload.onprogress!({ loaded: 15, total: 15, lengthComputable: true });
    xhr.answer(202, { id: 7, kind: 'contact-import', status: 'Running' });

    expect((await done).id).toBe(7);
    expect(progress).toEqual([[5, 15], [15, 15]]);
    expect([xhr.method, xhr.url, xhr.body]).toEqual(['POST', '/api/imports/contacts?name=my%20file.csv', file]);
    expect(xhr.headers).toMatchObject({ Prefer: 'respond-async', 'Content-Type': 'text/csv', [ANTI_FORGERY_HEADER]: 'XMLHttpRequest' });
  });

  it('rejects with the host problem, and a 401 ends the session', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const ended = vi.fn();
    const stop = onUnauthorized(ended);

    const refused = importCsvWithProgress('events', new Blob(['x']), 'e.csv', () => {});
    FakeXhr.last.answer(415, { title: 'Unsupported media type', detail: 'Send text/csv' });
    const error = (await refused.catch(e => e as ApiError)) as ApiError;
    const signedOut = importCsvWithProgress('events', new Blob(['x']), 'e.csv', () => {});
    FakeXhr.last.answer(401, {});
    await signedOut.catch(() => undefined);

    stop();
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.problem?.detail]).toEqual([415, 'Send text/csv']);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});

describe('workflowOps.launch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the idempotency key that names the launch', async () => {
    const fetch = vi.fn(async (_path: string, _init?: RequestInit) => new Response(JSON.stringify({ id: 3 }), { status: 202 }));
    vi.stubGlobal('fetch', fetch);

    await workflowOps.launch('may day', 'key-1');

    expect(fetch.mock.calls[0][0]).toBe('/api/workflows/may%20day/launch');
    expect((fetch.mock.calls[0][1]!.headers as Record<string, string>)['Idempotency-Key']).toBe('key-1');
  });
});
