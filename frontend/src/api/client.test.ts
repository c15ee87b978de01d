import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, request } from './client';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  it('turns the error JSON into an ApiError with the field errors', async () => {
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_params', message: 'camera is invalid', fields: { port: 'must be 1–65535', id: 'is already taken' } } }));
    const error = await api.createCamera({ name: 'x', protocol: 'rtsp' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_params', message: 'camera is invalid', fields: { port: 'must be 1–65535', id: 'is already taken' } });
  });

  it('reads Retry-After of a throttled login', async () => {
    vi.stubGlobal('fetch', answer(429, { error: { code: 'unauthorized', message: 'too many attempts' } }, { 'Retry-After': '30' }));
    await expect(api.login('admin', 'x')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });
  });

  it('copes with an answer that is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(request('GET', '/api/cameras')).rejects.toMatchObject({ status: 502, code: 'internal', message: '502 Bad Gateway' });
  });

  it('says when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api.cameras()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('sends JSON with the cookie and reads 204 as nothing', async () => {
    const fetch = answer(204, null);
    vi.stubGlobal('fetch', fetch);
    await expect(api.deleteCamera('my cam')).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith('/api/cameras/my%20cam', expect.objectContaining({ method: 'DELETE', credentials: 'same-origin' }));
    const post = answer(200, { token: 't', expires_in_seconds: 60 });
    vi.stubGlobal('fetch', post);
    await api.discovery(3000);
    const [, init] = post.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBe('{"timeout_ms":3000}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('announces an expired session once a page is there', async () => {
    const events: string[] = [];
    vi.stubGlobal('window', { dispatchEvent: (e: Event) => events.push(e.type) });
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthorized', message: 'log in first' } }));
    await expect(api.cameras()).rejects.toMatchObject({ status: 401 });
    await expect(api.me()).rejects.toMatchObject({ status: 401 }); // the probe stays quiet
    expect(events).toEqual(['ucv:unauthorized']);
  });
});
