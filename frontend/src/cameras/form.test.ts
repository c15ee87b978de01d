import { describe, expect, it } from 'vitest';
import type { Camera } from '../api/types';
import { bodyFromForm, emptyForm, formFromCamera, parseOptions, previewAddress, templateFor } from './form';
import { TEMPLATES } from './templates';

describe('brand templates', () => {
  it('a Hikvision RTSP camera is brand, host, port, channel and stream', () => {
    const form = { ...emptyForm('rtsp-hikvision'), name: 'Garage', host: '192.168.1.20', port: '554', channel: '2', stream: 'sub' as const, username: 'viewer', password: 's3cret', transport: 'tcp' };
    const { body, errors } = bodyFromForm(form, 'create');
    expect(errors).toEqual({});
    expect(body).toEqual({ name: 'Garage', protocol: 'rtsp', brand: 'hikvision', host: '192.168.1.20', port: 554, channel: '2', stream: 'sub', username: 'viewer', password: 's3cret', transport: 'tcp', enabled: true });
    expect(previewAddress(form)).toBe('rtsp://192.168.1.20:554/Streaming/Channels/202');
  });

  it('previews each brand the plugins know', () => {
    const preview = (template: string, extra = {}) => previewAddress({ ...emptyForm(template), host: 'cam', ...extra });
    expect(preview('rtsp-dahua')).toBe('rtsp://cam:554/cam/realmonitor?channel=1&subtype=0');
    expect(preview('rtsp-axis', { stream: 'sub' })).toBe('rtsp://cam:554/axis-media/media.amp?camera=1&resolution=640x360');
    expect(preview('rtsp-reolink', { channel: '3' })).toBe('rtsp://cam:554/h264Preview_03_main');
    expect(preview('rtsp-tapo', { stream: 'sub' })).toBe('rtsp://cam:554/stream2');
    expect(preview('http-hikvision', { httpMode: 'snapshot' })).toBe('http://cam:80/ISAPI/Streaming/channels/101/picture');
    expect(preview('http-dahua', { tls: true })).toBe('https://cam:443/cgi-bin/mjpg/video.cgi?channel=1&subtype=0');
    expect(preview('rtsp-generic')).toBeNull();
    expect(preview('rtsp-hikvision', { host: 'fe80::1' })).toBe('rtsp://[fe80::1]:554/Streaming/Channels/101');
  });

  it('a URL template sends the url only; an HTTP mode becomes the mode option', () => {
    const form = { ...emptyForm('http-generic'), name: 'Yard', url: 'https://cam/snap.jpg', httpMode: 'snapshot' as const, optionsText: 'fps=2\n# a comment\n\ninsecure_tls = true' };
    expect(bodyFromForm(form, 'create').body).toEqual({ name: 'Yard', protocol: 'http', url: 'https://cam/snap.jpg', enabled: true, options: { fps: '2', insecure_tls: 'true', mode: 'snapshot' } });
  });

  it('the demo needs nothing but a name; a custom protocol needs its name', () => {
    expect(bodyFromForm({ ...emptyForm('demo'), name: 'D', username: 'ignored' }, 'create').body).toEqual({ name: 'D', protocol: 'demo', enabled: true });
    expect(bodyFromForm({ ...emptyForm('custom'), name: 'X' }, 'create').errors.protocol).toBeDefined();
    expect(bodyFromForm({ ...emptyForm('custom'), name: 'X', protocol: 'Acme', brand: 'b', path: '/p' }, 'create').body).toMatchObject({ protocol: 'acme', brand: 'b', path: '/p' });
  });

  it('checks what it can before asking the server', () => {
    const { errors } = bodyFromForm({ ...emptyForm('rtsp-hikvision'), host: '', port: '70000', optionsText: 'novalue' }, 'create');
    expect(Object.keys(errors).sort()).toEqual(['host', 'options', 'port']);
    expect(bodyFromForm({ ...emptyForm('rtsp-generic') }, 'create').errors.url).toBeDefined();
  });

  it('every template has a unique key and the brands the plugins know', () => {
    expect(new Set(TEMPLATES.map((t) => t.key)).size).toBe(TEMPLATES.length);
    const brands = TEMPLATES.filter((t) => t.protocol === 'rtsp' && t.brand).map((t) => t.brand);
    expect(brands).toEqual(['hikvision', 'dahua', 'axis', 'reolink', 'tapo']);
  });
});

describe('editing a stored camera', () => {
  const stored: Camera = {
    id: 'garage', name: 'Garage', protocol: 'rtsp', brand: 'Hik', host: '10.0.0.5', port: 554, channel: '1', stream: 'main',
    username: 'viewer', has_password: true, transport: 'tcp', enabled: true, options: { read_timeout_ms: '8000' }, state: 'idle',
  };

  it('finds the template from protocol and brand and never has a password', () => {
    const form = formFromCamera(stored);
    expect(form.template).toBe('rtsp-hikvision');
    expect(form.password).toBe('');
    expect(form.optionsText).toBe('read_timeout_ms=8000');
    expect(templateFor({ id: 'a', name: 'a', protocol: 'rtsp', url: 'rtsp://x/y' }).key).toBe('rtsp-generic');
    expect(templateFor({ id: 'a', name: 'a', protocol: 'https', url: 'https://x/y' }).key).toBe('http-generic');
    expect(templateFor({ id: 'a', name: 'a', protocol: 'rtsp', brand: 'uniview', host: 'x' }).key).toBe('custom');
    expect(templateFor({ id: 'a', name: 'a', protocol: 'demo' }).key).toBe('demo');
    expect(templateFor({ id: 'a', name: 'a', protocol: 'onvif', url: 'http://x/onvif/device_service' }).key).toBe('onvif');
  });

  it('an empty password keeps the stored one (absent); clearing sends ""; a new one replaces it', () => {
    const form = formFromCamera(stored);
    expect('password' in bodyFromForm(form, 'replace').body).toBe(false);
    expect(bodyFromForm({ ...form, clearPassword: true }, 'replace').body.password).toBe('');
    expect(bodyFromForm({ ...form, password: 'n3w' }, 'replace').body.password).toBe('n3w');
    expect(bodyFromForm(form, 'replace').body.id).toBeUndefined();
  });

  it('round-trips the camera through the form', () => {
    const { body } = bodyFromForm(formFromCamera(stored), 'replace');
    expect(body).toEqual({ name: 'Garage', protocol: 'rtsp', brand: 'hikvision', host: '10.0.0.5', port: 554, channel: '1', stream: 'main', username: 'viewer', transport: 'tcp', enabled: true, options: { read_timeout_ms: '8000' } });
  });

  it('a test of the edited camera empties what the form emptied and drops removed options', () => {
    const form = { ...formFromCamera(stored), template: 'rtsp-generic', url: 'rtsp://10.0.0.5/live', optionsText: '' };
    const { body } = bodyFromForm(form, 'patch', stored);
    expect(body).toMatchObject({ url: 'rtsp://10.0.0.5/live', brand: null, host: null, port: null, channel: null, stream: null, options: { read_timeout_ms: null } });
    expect('password' in body).toBe(false);
  });
});

describe('parseOptions', () => {
  it('reads key=value lines', () => {
    expect(parseOptions(' a = 1 \nb=x=y\n\n#c=3')).toEqual({ options: { a: '1', b: 'x=y' }, error: null });
    expect(parseOptions('=1').error).toMatch(/line 1/);
  });
});
