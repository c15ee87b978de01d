import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Camera, DiscoveredCamera, DiscoveryResult, Protocols } from '../api/types';
import { emptyForm, formFromCamera, type CameraForm } from '../cameras/form';
import { CameraFormView } from './CameraFormView';

type Editing = { kind: 'create'; form: CameraForm } | { kind: 'edit'; camera: Camera; form: CameraForm } | null;

export function CameraAdmin() {
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [protocols, setProtocols] = useState<Protocols | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, protos] = await Promise.all([api.cameras(), api.protocols()]);
      setCameras(list);
      setProtocols(protos);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const done = (text: string | null) => {
    setEditing(null);
    setMessage(text);
    void refresh();
    window.setTimeout(() => listHeading.current?.focus(), 0);
  };

  const remove = async (camera: Camera) => {
    setConfirming(null);
    try {
      await api.deleteCamera(camera.id);
      done(`Camera “${camera.name || camera.id}” deleted.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message);
    }
  };

  const addDiscovered = (d: DiscoveredCamera) => {
    const form = { ...emptyForm('onvif'), url: d.address, name: d.name ?? [d.brand, d.hardware].filter(Boolean).join(' ') };
    setEditing({ kind: 'create', form });
  };

  const installed = new Set((protocols?.protocols ?? []).map((p) => p.protocol));

  return (
    <div className="admin">
      <h1>Cameras</h1>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}

      {editing ? (
        <CameraFormView
          key={editing.kind === 'edit' ? editing.camera.id : 'new'}
          mode={editing.kind}
          camera={editing.kind === 'edit' ? editing.camera : undefined}
          initial={editing.form}
          installed={installed}
          onSaved={(c, created) => done(`Camera “${c.name || c.id}” ${created ? 'added' : 'saved'}.`)}
          onCancel={() => done(null)}
        />
      ) : (
        <section aria-labelledby="camera-list-title">
          <div className="toolbar">
            <h2 id="camera-list-title" ref={listHeading} tabIndex={-1}>
              Configured cameras
            </h2>
            <button type="button" onClick={() => { setMessage(null); setEditing({ kind: 'create', form: emptyForm() }); }}>
              Add camera
            </button>
          </div>
          {cameras === null ? (
            <p role="status">Loading…</p>
          ) : cameras.length === 0 ? (
            <p>No camera yet.</p>
          ) : (
            <ul className="camera-list">
              {cameras.map((c) => (
                <li key={c.id} data-camera-id={c.id}>
                  <div className="camera-line">
                    <strong>{c.name || c.id}</strong> <span className="muted">{c.id}</span>
                    <span className="pill">{c.protocol}</span>
                    {c.state && <span className="pill">{c.state.replace('_', ' ')}</span>}
                    {c.enabled === false && <span className="pill">disabled</span>}
                    {!installed.has(c.protocol) && protocols && <span className="pill warn">plugin missing</span>}
                  </div>
                  {c.last_error && <p className="error-text small">{c.last_error}</p>}
                  <div className="row-actions">
                    <button type="button" className="secondary" aria-label={`Edit ${c.name || c.id}`} onClick={() => { setMessage(null); setEditing({ kind: 'edit', camera: c, form: formFromCamera(c) }); }}>
                      Edit
                    </button>
                    {confirming === c.id ? (
                      <>
                        <button type="button" className="danger" aria-label={`Really delete ${c.name || c.id}`} onClick={() => void remove(c)}>
                          Delete for good
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <button type="button" className="secondary" aria-label={`Delete ${c.name || c.id}`} onClick={() => setConfirming(c.id)}>
                        Delete
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {!editing && <Discovery onAdd={addDiscovered} />}
      {!editing && <ProtocolList protocols={protocols} />}
    </div>
  );
}

function Discovery({ onAdd }: { onAdd: (d: DiscoveredCamera) => void }) {
  const [result, setResult] = useState<DiscoveryResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.discovery(3000));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="discovery-title">
      <div className="toolbar">
        <h2 id="discovery-title">Find cameras on the network</h2>
        <button type="button" className="secondary" onClick={() => void search()} disabled={busy}>
          {busy ? 'Searching…' : 'Search (ONVIF)'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div role="status">
          {result.providers === 0 && <p>No discovery plugin is installed (the ONVIF plugin provides one).</p>}
          {result.providers > 0 && result.cameras.length === 0 && <p>No camera answered.</p>}
          {result.errors.map((e) => (
            <p key={e} className="error-text small">
              {e}
            </p>
          ))}
          {result.cameras.length > 0 && (
            <ul className="camera-list">
              {result.cameras.map((d) => (
                <li key={d.endpoint ?? d.address}>
                  <div className="camera-line">
                    <strong>{d.name ?? 'Unnamed camera'}</strong>
                    {d.brand && <span>{d.brand}</span>}
                    {d.hardware && <span className="muted">{d.hardware}</span>}
                    <span className="pill">{d.protocol}</span>
                  </div>
                  <p className="small muted break">{d.address}</p>
                  <div className="row-actions">
                    <button type="button" onClick={() => onAdd(d)} aria-label={`Add ${d.name ?? d.address}`}>
                      Add
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function ProtocolList({ protocols }: { protocols: Protocols | null }) {
  return (
    <section aria-labelledby="protocols-title">
      <h2 id="protocols-title">Installed protocols</h2>
      {protocols === null ? (
        <p role="status">Loading…</p>
      ) : protocols.protocols.length === 0 ? (
        <p>No protocol plugin is installed.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Plugin</th>
                <th scope="col">Can</th>
              </tr>
            </thead>
            <tbody>
              {protocols.protocols.map((p) => (
                <tr key={`${p.protocol}-${p.bundle}`}>
                  <td>
                    {p.protocol}
                    {!p.active && <span className="muted"> (not used)</span>}
                  </td>
                  <td>
                    {/* zero-width spaces: a narrow window wraps the name at its dots */}
                    {p.bundle.replaceAll('.', '.\u200b')} <span className="muted">{p.version}</span>
                  </td>
                  <td>{p.capabilities.length ? p.capabilities.join(', ') : 'stream'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
