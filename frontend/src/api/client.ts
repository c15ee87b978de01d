// The REST API of the server (same origin; docs/protocol.md "REST" and /api/openapi.json). Every
// error answer is {"error":{"code","message","fields"}}: it becomes an ApiError carrying them, so
// forms can show the server's own words next to the field at fault.

import type { Camera, CameraBody, DiscoveryResult, Me, Protocols, TestResult } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Fired on window when a request that needs a login answers 401 (the session expired or was ended). */
export const UNAUTHORIZED_EVENT = 'ucv:unauthorized';

async function errorOf(response: Response): Promise<ApiError> {
  let code = 'internal';
  let message = `${response.status} ${response.statusText}`.trim();
  let fields: Record<string, string> = {};
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    if (body && typeof body.error === 'object' && body.error !== null) {
      if (typeof body.error.code === 'string') code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message;
      if (typeof body.error.fields === 'object' && body.error.fields !== null) {
        fields = Object.fromEntries(
          Object.entries(body.error.fields as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        );
      }
    }
  } catch {
    // not JSON (a proxy's page, say): the status line is all there is
  }
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, code, message, fields, Number.isFinite(retry) && retry > 0 ? retry : null);
}

interface Options {
  /** don't announce a 401 (the login itself, and the "am I logged in?" probe) */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'network', `the server cannot be reached (${(error as Error).message})`);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401 && typeof window !== 'undefined') {
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
    }
    throw error;
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

const cameraPath = (id: string) => `/api/cameras/${encodeURIComponent(id)}`;

export const api = {
  me: () => request<Me>('GET', '/api/me', undefined, { quiet401: true }),
  login: (username: string, password: string) =>
    request<Me>('POST', '/api/login', { username, password, token: false }, { quiet401: true }),
  logout: () => request<void>('POST', '/api/logout', undefined, { quiet401: true }),
  wsToken: () => request<{ token: string; expires_in_seconds: number }>('POST', '/api/ws-token'),
  cameras: () => request<Camera[]>('GET', '/api/cameras'),
  camera: (id: string) => request<Camera>('GET', cameraPath(id)),
  createCamera: (body: CameraBody) => request<Camera>('POST', '/api/cameras', body),
  replaceCamera: (id: string, body: CameraBody) => request<Camera>('PUT', cameraPath(id), body),
  deleteCamera: (id: string) => request<void>('DELETE', cameraPath(id)),
  testDraft: (body: CameraBody) => request<TestResult>('POST', '/api/cameras/test', body),
  testCamera: (id: string, changes: CameraBody) => request<TestResult>('POST', `${cameraPath(id)}/test`, changes),
  protocols: () => request<Protocols>('GET', '/api/protocols'),
  discovery: (timeoutMs: number) => request<DiscoveryResult>('POST', '/api/discovery', { timeout_ms: timeoutMs }),
  snapshotPath: (id: string) => `${cameraPath(id)}/snapshot`,
};

/** GET the camera's snapshot as a Blob (image/jpeg), or an ApiError with the server's message. */
export async function fetchSnapshot(id: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(api.snapshotPath(id), { credentials: 'same-origin', headers: { Accept: 'image/jpeg' } });
  } catch (error) {
    throw new ApiError(0, 'network', `the server cannot be reached (${(error as Error).message})`);
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response.blob();
}
