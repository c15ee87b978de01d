import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { Camera, TestResult } from '../api/types';
import { bodyFromForm, previewAddress, protocolOf, type CameraForm } from '../cameras/form';
import { templateByKey, TEMPLATES } from '../cameras/templates';

interface Props {
  mode: 'create' | 'edit';
  camera?: Camera;
  initial: CameraForm;
  /** protocols with an installed plugin */
  installed: Set<string>;
  onSaved: (camera: Camera, created: boolean) => void;
  onCancel: () => void;
}

type TestState = { state: 'idle' } | { state: 'busy' } | { state: 'ok'; result: TestResult } | { state: 'failed'; message: string };

const GROUPS = [...new Set(TEMPLATES.map((t) => t.group))];

export function CameraFormView({ mode, camera, initial, installed, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<CameraForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formId = useId();
  const t = templateByKey(form.template);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const set = <K extends keyof CameraForm>(key: K, value: CameraForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const copy = { ...e };
      delete copy[key as string];
      return copy;
    });
  };

  /** Errors of fields the form shows go next to them; the rest into the general message. */
  const showErrors = (fieldErrors: Record<string, string>, message: string | null) => {
    const shown = new Set(['id', 'name', 'protocol', 'url', 'brand', 'host', 'port', 'path', 'channel', 'stream', 'username', 'password', 'transport', 'options']);
    const mine: Record<string, string> = {};
    const other: string[] = [];
    for (const [k, v] of Object.entries(fieldErrors)) {
      if (shown.has(k) && visible(k)) mine[k] = v;
      else other.push(`${k}: ${v}`);
    }
    setErrors(mine);
    setGeneral([message, ...other].filter(Boolean).join(' — ') || null);
  };

  const visible = (field: string): boolean => {
    switch (field) {
      case 'id':
        return mode === 'create';
      case 'protocol':
      case 'brand':
      case 'path':
        return t.key === 'custom';
      case 'url':
        return t.addressing === 'url' || t.addressing === 'all';
      case 'host':
      case 'port':
        return t.addressing === 'parts' || t.addressing === 'all';
      case 'channel':
        return !!t.channel && t.addressing !== 'url';
      case 'stream':
        return !!t.stream && t.addressing !== 'url';
      case 'username':
      case 'password':
        return t.addressing !== 'none';
      case 'transport':
        return !!t.transport;
      default:
        return true;
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errors: local } = bodyFromForm(form, mode === 'create' ? 'create' : 'replace', camera);
    if (Object.keys(local).length > 0) {
      showErrors(local, 'Please correct the marked fields.');
      return;
    }
    setSaving(true);
    try {
      const saved = mode === 'create' ? await api.createCamera(body) : await api.replaceCamera(camera!.id, body);
      onSaved(saved, mode === 'create');
    } catch (err) {
      if (err instanceof ApiError) showErrors(err.fields, err.message);
      else setGeneral((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    const { body, errors: local } = bodyFromForm(form, mode === 'create' ? 'create' : 'patch', camera);
    if (Object.keys(local).length > 0) {
      showErrors(local, 'Please correct the marked fields.');
      return;
    }
    setTest({ state: 'busy' });
    try {
      const result = mode === 'create' ? await api.testDraft(body) : await api.testCamera(camera!.id, body);
      setTest({ state: 'ok', result });
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) showErrors(err.fields, null);
      setTest({ state: 'failed', message: err instanceof ApiError ? `${err.message} (${err.code})` : (err as Error).message });
    }
  };

  const field = (name: keyof CameraForm & string, label: string, input: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode, hint?: string) => {
    if (!visible(name)) return null;
    const id = `${formId}-${name}`;
    const error = errors[name];
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {input({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
        {hint && (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const text = (name: 'id' | 'name' | 'protocol' | 'url' | 'brand' | 'host' | 'port' | 'path' | 'channel' | 'username', extra: Record<string, string | boolean> = {}) =>
    (props: { id: string }) => <input {...props} {...extra} name={name} value={form[name]} onChange={(e) => set(name, e.target.value)} />;

  const protocol = protocolOf(form);
  const preview = previewAddress(form);
  const pluginMissing = protocol !== '' && installed.size > 0 && !installed.has(protocol);

  return (
    <section aria-labelledby={`${formId}-title`} className="card-panel camera-form">
      <h2 id={`${formId}-title`} ref={headingRef} tabIndex={-1}>
        {mode === 'create' ? 'Add a camera' : `Edit “${camera?.name || camera?.id}”`}
      </h2>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor={`${formId}-template`}>Camera type</label>
          <select id={`${formId}-template`} name="template" value={form.template} onChange={(e) => set('template', e.target.value)} aria-describedby={`${formId}-template-hint`}>
            {GROUPS.map((g) => (
              <optgroup key={g} label={g}>
                {TEMPLATES.filter((x) => x.group === g).map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <p id={`${formId}-template-hint`} className="hint">
            {t.help}
          </p>
          {pluginMissing && (
            <p className="notice small">The {protocol} plugin is not installed: the camera will wait for it.</p>
          )}
        </div>
        <div className="field-row">
          {field('name', 'Name', text('name', { required: true, autoComplete: 'off' }))}
          {field('id', 'ID (optional)', text('id', { autoComplete: 'off', pattern: '[a-z0-9][a-z0-9_-]{0,63}' }), 'Lower case letters, digits, - and _; made from the name when empty.')}
        </div>
        {field('protocol', 'Protocol', text('protocol', { autoComplete: 'off' }), 'The protocol name the plugin registers.')}
        {field('url', 'Address (URL)', text('url', { type: 'url', placeholder: t.urlPlaceholder ?? '', autoComplete: 'off', inputMode: 'url' }))}
        {field('brand', 'Brand', text('brand', { autoComplete: 'off' }))}
        <div className="field-row">
          {field('host', 'Host or IP address', text('host', { autoComplete: 'off', placeholder: '192.168.1.20' }))}
          {field('port', 'Port', text('port', { inputMode: 'numeric', placeholder: t.defaultPort ? String(t.defaultPort) : 'default' }))}
        </div>
        {field('path', 'Path', text('path', { autoComplete: 'off' }))}
        <div className="field-row">
          {field('channel', 'Channel', text('channel', { inputMode: 'numeric' }))}
          {field('stream', 'Stream', (props) => (
            <select {...props} value={form.stream} onChange={(e) => set('stream', e.target.value as 'main' | 'sub')}>
              <option value="main">main (full resolution)</option>
              <option value="sub">sub (smaller)</option>
            </select>
          ))}
        </div>
        {t.addressing === 'parts' && t.protocol === 'http' && (
          <div className="field checkbox">
            <input id={`${formId}-tls`} type="checkbox" checked={form.tls} onChange={(e) => set('tls', e.target.checked)} />
            <label htmlFor={`${formId}-tls`}>Use HTTPS</label>
          </div>
        )}
        {t.httpMode && (
          <div className="field">
            <label htmlFor={`${formId}-mode`}>HTTP mode</label>
            <select id={`${formId}-mode`} value={form.httpMode} onChange={(e) => set('httpMode', e.target.value as CameraForm['httpMode'])}>
              <option value="">MJPEG stream (default)</option>
              <option value="mjpeg">MJPEG stream</option>
              <option value="snapshot">JPEG snapshots</option>
            </select>
          </div>
        )}
        {field('transport', 'RTSP transport', (props) => (
          <select {...props} value={form.transport} onChange={(e) => set('transport', e.target.value)}>
            <option value="">default (TCP)</option>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="http">HTTP tunnel</option>
          </select>
        ))}
        {preview && (
          <p className="hint break preview" aria-live="polite">
            The plugin will open <code>{preview}</code>
          </p>
        )}
        <div className="field-row">
          {field('username', 'User name', text('username', { autoComplete: 'off' }))}
          {field('password', 'Password', (props) => (
            <input {...props} type="password" name="password" autoComplete="new-password" value={form.password} disabled={form.clearPassword} placeholder={mode === 'edit' && camera?.has_password ? 'unchanged' : ''} onChange={(e) => set('password', e.target.value)} />
          ), mode === 'edit' ? (camera?.has_password ? 'A password is stored; leave empty to keep it.' : 'No password is stored.') : undefined)}
        </div>
        {mode === 'edit' && camera?.has_password && visible('password') && (
          <div className="field checkbox">
            <input id={`${formId}-clear`} type="checkbox" checked={form.clearPassword} onChange={(e) => set('clearPassword', e.target.checked)} />
            <label htmlFor={`${formId}-clear`}>Remove the stored password</label>
          </div>
        )}
        <div className="field checkbox">
          <input id={`${formId}-enabled`} type="checkbox" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          <label htmlFor={`${formId}-enabled`}>Enabled (streamed when watched)</label>
        </div>
        <details open={form.optionsText !== '' || 'options' in errors}>
          <summary>Plugin options</summary>
          {field('optionsText', 'Options, one key=value a line', (props) => (
            <textarea {...props} rows={3} value={form.optionsText} onChange={(e) => set('optionsText', e.target.value)} aria-invalid={errors.options ? true : undefined} aria-describedby={errors.options ? `${formId}-options-error` : props['aria-describedby']} />
          ), 'See docs/rtsp.md and docs/http.md, e.g. read_timeout_ms=8000')}
          {errors.options && (
            <p id={`${formId}-options-error`} className="field-error">
              {errors.options}
            </p>
          )}
        </details>

        {general && (
          <p className="error-text" role="alert">
            {general}
          </p>
        )}
        <div className="test-result" role="status" aria-live="polite">
          {test.state === 'busy' && <p>Testing the connection…</p>}
          {test.state === 'ok' && (
            <p className="ok-text">
              Connection works: {test.result.detail ?? test.result.codec ?? 'ok'} ({test.result.elapsed_ms} ms)
            </p>
          )}
          {test.state === 'failed' && <p className="error-text">Test failed: {test.message}</p>}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : mode === 'create' ? 'Add camera' : 'Save'}
          </button>
          <button type="button" className="secondary" onClick={() => void runTest()} disabled={test.state === 'busy'}>
            Test connection
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
