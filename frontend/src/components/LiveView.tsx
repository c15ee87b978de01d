import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Camera } from '../api/types';
import { navigate } from '../route';
import { isLayout, isTransport, LAYOUTS, load, save, type Layout } from '../storage';
import type { Transport } from '../streaming/protocol';
import { CameraCard } from './CameraCard';

const LAYOUT_KEY = 'ucv.layout';
const TRANSPORT_KEY = 'ucv.transport';
const PAGE_KEY = 'ucv.page';
/** The list is read again now and then, so cameras added elsewhere appear. */
const REFRESH_MS = 15_000;

export function LiveView({ isAdmin }: { isAdmin: boolean }) {
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layout, setLayout] = useState<Layout>(() => load(LAYOUT_KEY, isLayout, 4));
  const [transport, setTransport] = useState<Transport>(() => load(TRANSPORT_KEY, isTransport, 'binary'));
  const [page, setPage] = useState<number>(() => load(PAGE_KEY, (v): v is number => Number.isInteger(v) && (v as number) >= 0, 0));

  const refresh = useCallback(async () => {
    try {
      const list = await api.cameras();
      setCameras(list);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const pages = Math.max(1, Math.ceil((cameras?.length ?? 0) / layout));
  const shownPage = Math.min(page, pages - 1);
  const shown = (cameras ?? []).slice(shownPage * layout, shownPage * layout + layout);

  const chooseLayout = (l: Layout) => {
    setLayout(l);
    save(LAYOUT_KEY, l);
    setPage(0);
    save(PAGE_KEY, 0);
  };
  const choosePage = (p: number) => {
    setPage(p);
    save(PAGE_KEY, p);
  };
  const chooseTransport = (t: Transport) => {
    setTransport(t);
    save(TRANSPORT_KEY, t);
  };

  return (
    <section aria-labelledby="live-title">
      <div className="toolbar">
        <h1 id="live-title">Live</h1>
        <div className="segmented" role="group" aria-label="Layout">
          {LAYOUTS.map((l) => (
            <button key={l} type="button" aria-pressed={layout === l} aria-label={`${l} ${l === 1 ? 'camera' : 'cameras'} per page`} onClick={() => chooseLayout(l)} data-layout={l}>
              {l === 1 ? '1' : `${Math.sqrt(l)}×${Math.sqrt(l)}`}
            </button>
          ))}
        </div>
        <label className="inline">
          Transport
          <select value={transport} onChange={(e) => chooseTransport(e.target.value as Transport)}>
            <option value="binary">binary</option>
            <option value="json">JSON (base64)</option>
          </select>
        </label>
        {pages > 1 && (
          <div className="pager" role="group" aria-label="Pages of cameras">
            <button type="button" className="secondary" disabled={shownPage === 0} onClick={() => choosePage(shownPage - 1)}>
              Previous
            </button>
            <span aria-live="polite">
              Page {shownPage + 1} of {pages}
            </span>
            <button type="button" className="secondary" disabled={shownPage >= pages - 1} onClick={() => choosePage(shownPage + 1)}>
              Next
            </button>
          </div>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          Cannot load the cameras: {error}
        </p>
      )}
      {cameras !== null && cameras.length === 0 && (
        <p>
          No camera is configured yet.{' '}
          {isAdmin ? (
            <a href="/cameras" onClick={(e) => { e.preventDefault(); navigate('cameras'); }}>
              Add a camera
            </a>
          ) : (
            'Ask an admin to add one.'
          )}
        </p>
      )}
      <ul className={`grid layout-${layout}`} aria-label="Cameras">
        {shown.map((camera) => (
          <li key={camera.id}>
            <CameraCard camera={camera} transport={transport} />
          </li>
        ))}
      </ul>
    </section>
  );
}
