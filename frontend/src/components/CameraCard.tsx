import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, fetchSnapshot } from '../api/client';
import type { Camera } from '../api/types';
import { browserEnv } from '../streaming/browserEnv';
import { FPS_CHOICES, QUALITIES, type Quality, type Transport } from '../streaming/protocol';
import { StreamingService, type StreamState } from '../streaming/StreamingService';
import { VideoStream } from './VideoStream';

const NEVER = () => () => {};

/** What a tile says about its stream, in words (also read by screen readers). */
export function phaseText(s: StreamState): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } {
  switch (s.phase) {
    case 'idle':
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' };
    case 'starting':
      return { text: 'Starting the stream…', tone: 'busy' };
    case 'streaming':
      return { text: 'Live', tone: 'ok' };
    case 'stopped':
      return { text: 'Stopped', tone: 'warn' };
    case 'paused':
      return { text: 'Paused while the page is hidden', tone: 'warn' };
    case 'reconnecting':
      return { text: `Reconnecting to the server in ${Math.ceil((s.retryInMs ?? 0) / 1000)} s (attempt ${s.attempt}): ${s.message ?? ''}`, tone: 'busy' };
    case 'camera_reconnecting':
      return { text: `The server is reconnecting to the camera (attempt ${s.attempt}): ${s.message ?? ''}`, tone: 'warn' };
    case 'protocol_missing':
      return { text: `Protocol plugin missing: ${s.message ?? 'install the plugin for this camera'}`, tone: 'warn' };
    case 'error':
      return { text: s.message ?? `Error (${s.code ?? 'unknown'})`, tone: 'error' };
  }
}

function snapshotName(id: string): string {
  const t = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${id}-${t.getFullYear()}${p(t.getMonth() + 1)}${p(t.getDate())}-${p(t.getHours())}${p(t.getMinutes())}${p(t.getSeconds())}.jpg`;
}

export function CameraCard({ camera, transport }: { camera: Camera; transport: Transport }) {
  const [service, setService] = useState<StreamingService | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [snapshotError, setSnapshotError] = useState<string | null>(null);
  const tileRef = useRef<HTMLElement>(null);

  // One socket per camera for the life of the tile.
  useEffect(() => {
    const s = new StreamingService(camera.id, browserEnv(), { transport });
    setService(s);
    return () => s.dispose();
    // The transport is applied below; a new one does not need a new socket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera.id]);

  // Started after VideoStream (a child: its effects run first) told the service the tile's size.
  useEffect(() => {
    service?.start();
  }, [service]);

  useEffect(() => {
    service?.setTransport(transport);
  }, [service, transport]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === tileRef.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const state = useSyncExternalStore(
    service ? (cb) => service.onState(cb) : NEVER,
    () => service?.getState() ?? null,
  );

  const name = camera.name || camera.id;
  const running = state !== null && ['connecting', 'starting', 'streaming', 'reconnecting', 'camera_reconnecting', 'protocol_missing', 'paused'].includes(state.phase);
  const phase = state ? phaseText(state) : { text: 'Connecting…', tone: 'busy' as const };
  const m = state?.metrics ?? null;

  const toggle = () => {
    if (!service || !state) return;
    if (state.phase === 'error') service.retry();
    else if (running) service.stop();
    else service.start();
  };

  const snapshot = async () => {
    setSnapshotError(null);
    try {
      const blob = await fetchSnapshot(camera.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = snapshotName(camera.id);
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setSnapshotError(`Snapshot failed: ${e instanceof ApiError ? e.message : (e as Error).message}`);
    }
  };

  const toggleFullscreen = async () => {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await tileRef.current?.requestFullscreen();
    } catch {
      // refused by the browser (no user gesture, iframe): nothing to do
    }
  };

  const titleId = `cam-${camera.id}-title`;
  return (
    <article ref={tileRef} className={`camera-card tone-${phase.tone}${fullscreen ? ' fullscreen' : ''}`} aria-labelledby={titleId} data-camera-id={camera.id} data-phase={state?.phase ?? 'idle'}>
      <header className="card-head">
        <h2 id={titleId}>{name}</h2>
        <span className={`badge tone-${phase.tone}`}>{state?.phase === 'streaming' ? 'live' : (state?.phase ?? 'idle').replace('_', ' ')}</span>
      </header>
      <div className="video">
        {service && <VideoStream service={service} fullscreen={fullscreen} label={`Live picture of ${name}`} />}
        {state?.phase === 'streaming' && m && (
          <dl className="metrics" aria-label={`Figures of ${name}`}>
            <div>
              <dt>fps</dt>
              <dd data-metric="fps">{m.fps?.toFixed(1) ?? '–'}</dd>
            </div>
            <div>
              <dt>latency</dt>
              <dd data-metric="latency">{state.latencyMs === null ? '–' : `${Math.max(0, Math.round(state.latencyMs))} ms`}</dd>
            </div>
            <div>
              <dt>health</dt>
              <dd data-metric="health">{m.health_score === undefined ? '–' : Math.round(m.health_score)}</dd>
            </div>
            {m.width !== undefined && (
              <div className="wide-only">
                <dt>size</dt>
                <dd data-metric="size">
                  {m.width}×{m.height}
                </dd>
              </div>
            )}
          </dl>
        )}
        {state && state.phase !== 'streaming' && (
          <div className={`overlay tone-${phase.tone}`}>
            <p className="phase-text" role={phase.tone === 'error' ? 'alert' : 'status'} data-error-code={state.code ?? undefined}>
              {phase.text}
            </p>
            {state.phase === 'error' && (
              <button type="button" onClick={() => service?.retry()} aria-label={`Retry ${name}`}>
                Retry
              </button>
            )}
          </div>
        )}
      </div>
      {(state?.notice || snapshotError) && (
        <p className="notice small" role="status">
          {snapshotError ?? state?.notice}
        </p>
      )}
      <div className="controls">
        <button type="button" onClick={toggle} aria-label={`${running ? 'Stop' : 'Start'} ${name}`} data-action={running ? 'stop' : 'start'} disabled={!service}>
          {running ? 'Stop' : 'Start'}
        </button>
        <label className="inline">
          <span className="label-text">Quality</span>
          <select value={state?.quality ?? 'medium'} onChange={(e) => service?.setQuality(e.target.value as Quality)} aria-label={`Quality of ${name}`}>
            {QUALITIES.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span className="label-text">fps</span>
          <select value={state?.fps ?? 15} onChange={(e) => service?.setFps(Number(e.target.value))} aria-label={`Frames per second of ${name}`}>
            {FPS_CHOICES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void snapshot()} aria-label={`Download a snapshot of ${name}`}>
          Snapshot
        </button>
        <button type="button" className="secondary" onClick={() => void toggleFullscreen()} aria-label={fullscreen ? `Leave fullscreen of ${name}` : `Show ${name} fullscreen`} aria-pressed={fullscreen}>
          {fullscreen ? 'Exit full' : 'Fullscreen'}
        </button>
      </div>
    </article>
  );
}
