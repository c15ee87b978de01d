// The camera form's values and how they become an API body (and back). Pure functions: tested
// without a browser. The password is never read from the server (it never sends it): an edit
// starts with an empty password field, which means "unchanged".

import type { Camera, CameraBody } from '../api/types';
import { normalizeBrand, templateByKey, TEMPLATES, type Template } from './templates';

export interface CameraForm {
  template: string;
  /** only for the "custom" template; the others fix the protocol */
  protocol: string;
  id: string;
  name: string;
  url: string;
  brand: string;
  host: string;
  port: string;
  path: string;
  channel: string;
  stream: 'main' | 'sub';
  /** HTTP templates: https instead of http */
  tls: boolean;
  username: string;
  password: string;
  /** edit only: remove the stored password */
  clearPassword: boolean;
  transport: string;
  httpMode: '' | 'mjpeg' | 'snapshot';
  enabled: boolean;
  /** other options, one key=value a line */
  optionsText: string;
}

export function emptyForm(template = 'rtsp-hikvision'): CameraForm {
  return {
    template, protocol: '', id: '', name: '', url: '', brand: '', host: '', port: '', path: '', channel: '1',
    stream: 'main', tls: false, username: '', password: '', clearPassword: false, transport: '', httpMode: '',
    enabled: true, optionsText: '',
  };
}

/** The template a stored camera is shown with: its brand's when a plugin knows it, else URL or custom. */
export function templateFor(camera: Camera): Template {
  const protocol = camera.protocol;
  const family = protocol === 'https' ? 'http' : protocol;
  if (family === 'demo' && !camera.url && !camera.host) return templateByKey('demo');
  if (family === 'onvif' && camera.url && !camera.host) return templateByKey('onvif');
  if (family === 'rtsp' || family === 'http') {
    if (camera.url && !camera.host && !camera.brand) return templateByKey(`${family}-generic`);
    if (!camera.url && camera.host && !camera.path) {
      const brand = normalizeBrand(camera.brand);
      const t = TEMPLATES.find((x) => x.protocol === family && x.brand === brand && x.addressing === 'parts');
      if (t) return t;
    }
  }
  return templateByKey('custom');
}

export function formFromCamera(camera: Camera): CameraForm {
  const t = templateFor(camera);
  const options = { ...(camera.options ?? {}) };
  let httpMode: CameraForm['httpMode'] = '';
  if (t.httpMode && (options.mode === 'mjpeg' || options.mode === 'snapshot')) {
    httpMode = options.mode;
    delete options.mode;
  }
  return {
    template: t.key,
    protocol: camera.protocol,
    id: camera.id,
    name: camera.name ?? '',
    url: camera.url ?? '',
    brand: camera.brand ?? '',
    host: camera.host ?? '',
    port: camera.port ? String(camera.port) : '',
    path: camera.path ?? '',
    channel: camera.channel ?? (t.channel ? '1' : ''),
    stream: camera.stream === 'sub' || camera.stream === 'secondary' || camera.stream === '1' ? 'sub' : 'main',
    tls: camera.protocol === 'https',
    username: camera.username ?? '',
    password: '',
    clearPassword: false,
    transport: camera.transport ?? '',
    httpMode,
    enabled: camera.enabled ?? true,
    optionsText: Object.entries(options)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  };
}

/** Lines of key=value; blank lines and # comments skipped. */
export function parseOptions(text: string): { options: Record<string, string>; error: string | null } {
  const options: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      return { options, error: `line ${i + 1} is not key=value: "${line}"` };
    }
    options[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { options, error: null };
}

export function protocolOf(form: CameraForm): string {
  const t = templateByKey(form.template);
  if (t.key === 'custom') return form.protocol.trim().toLowerCase();
  if (t.protocol === 'http' && form.tls) return 'https';
  return t.protocol;
}

/**
 * What the form sends.
 * - `create` (POST, and POST /api/cameras/test): only the fields that have a value.
 * - `replace` (PUT): the same; PUT resets what is left out, and keeps the password when it is absent.
 * - `patch` (the test of an edited camera, merged into the stored one): every field, null where the
 *   form has none, so a field the user emptied is emptied in the test too; options the camera had
 *   and the form dropped are sent as null.
 */
export function bodyFromForm(
  form: CameraForm,
  kind: 'create' | 'replace' | 'patch',
  original?: Camera,
): { body: CameraBody; errors: Record<string, string> } {
  const t = templateByKey(form.template);
  const errors: Record<string, string> = {};
  const body: CameraBody = {};
  const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
  const put = <K extends keyof CameraBody>(key: K, value: CameraBody[K] | null) => {
    if (value !== null && value !== undefined) body[key] = value;
    else if (kind === 'patch') (body as Record<string, unknown>)[key] = null;
  };

  if (kind === 'create' && form.id.trim() !== '') body.id = form.id.trim();
  const protocol = protocolOf(form);
  if (protocol === '') errors.protocol = 'give the protocol of the camera\'s plugin';
  body.name = form.name.trim();
  body.protocol = protocol;

  const parts = t.addressing === 'parts' || t.addressing === 'all';
  const url = t.addressing === 'url' || t.addressing === 'all';
  put('url', url ? text(form.url) : null);
  put('brand', t.addressing === 'parts' ? (t.brand ?? null) : t.addressing === 'all' ? text(form.brand) : null);
  put('host', parts ? text(form.host) : null);
  let port: number | null = null;
  if (parts && form.port.trim() !== '') {
    port = Number(form.port.trim());
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      errors.port = 'must be a whole number 0–65535';
      port = null;
    }
  }
  put('port', port);
  put('path', t.addressing === 'all' ? text(form.path) : null);
  put('channel', parts && t.channel ? text(form.channel) : null);
  put('stream', parts && t.stream ? form.stream : null);
  put('username', t.addressing === 'none' ? null : text(form.username));
  put('transport', t.transport ? text(form.transport) : null);
  if (t.addressing === 'url' && !text(form.url)) errors.url = 'give the camera\'s address';
  if (t.addressing === 'parts' && !text(form.host)) errors.host = 'give the camera\'s host name or IP address';

  if (kind === 'create') {
    if (form.password !== '') body.password = form.password;
  } else if (form.clearPassword) {
    body.password = '';
  } else if (form.password !== '') {
    body.password = form.password;
  }
  body.enabled = form.enabled;

  const parsed = parseOptions(form.optionsText);
  if (parsed.error) errors.options = parsed.error;
  const options: Record<string, string | null> = { ...parsed.options };
  if (t.httpMode && form.httpMode !== '') options.mode = form.httpMode;
  if (kind === 'patch') {
    for (const key of Object.keys(original?.options ?? {})) {
      if (!(key in options)) options[key] = null;
    }
    body.options = options;
  } else if (Object.keys(options).length > 0 || kind === 'replace') {
    body.options = options;
  }
  return { body, errors };
}

/** The address the plugin will open, for the form's preview (no credentials in it). */
export function previewAddress(form: CameraForm): string | null {
  const t = templateByKey(form.template);
  if (t.addressing !== 'parts' || !t.path) return null;
  const scheme = protocolOf(form);
  const host = form.host.trim() || 'HOST';
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = form.port.trim() || String(scheme === 'https' ? 443 : t.defaultPort ?? '');
  const channel = Math.max(1, Number.parseInt(form.channel, 10) || 1);
  const mode = form.httpMode === 'snapshot' ? 'snapshot' : 'mjpeg';
  return `${scheme}://${bracketed}${port ? `:${port}` : ''}${t.path(channel, form.stream, mode)}`;
}
