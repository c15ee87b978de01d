// One live camera over /ws/stream/{cameraId} (docs/protocol.md): the socket, the stream's
// parameters, reconnects when the socket drops, the clock offset and the per-frame latency.
// No React and no DOM here but what the environment object provides, so the logic is unit-tested
// with a fake socket and fake timers.

import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ClockOffset, frameLatencyMs } from './clock';
import {
  base64ToBytes,
  parseBinaryFrame,
  parseTextMessage,
  parseTimestamp,
  type ClientMessage,
  type ErrorMessage,
  type FrameMessage,
  type FrameMetrics,
  type Quality,
  type ServerMessage,
  type StartParams,
  type StatusMessage,
  type Transport,
} from './protocol';

/** The subset of the browser's WebSocket this service uses. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Why a `?token=` could not be had: status 401/403 end the attempts, others are retried. */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface StreamingEnv {
  createSocket(url: string): SocketLike;
  /** A single-use WebSocket token (POST /api/ws-token), or null to rely on the session cookie. */
  fetchToken(): Promise<string | null>;
  now(): number;
  random(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** The page's own location: the socket goes to the same host, ws: or wss: after its scheme. */
  location: { protocol: string; host: string };
}

export type Phase =
  /** not started yet */
  | 'idle'
  /** getting a token, opening the socket, waiting for `connection` */
  | 'connecting'
  /** start_stream sent, waiting for its answer */
  | 'starting'
  /** stream_started: frames flow */
  | 'streaming'
  /** stopped by the user */
  | 'stopped'
  /** stopped because the page is hidden; starts again when it shows */
  | 'paused'
  /** the socket dropped; a new one is opened after a delay */
  | 'reconnecting'
  /** the server lost the camera and retries it (status `reconnecting`) */
  | 'camera_reconnecting'
  /** the camera's protocol plugin is not installed; the server waits for it */
  | 'protocol_missing'
  /** the stream ended for good (fatal error, unknown or removed camera, refused login): the user may retry */
  | 'error';

export interface Effective {
  quality: Quality;
  fps: number;
  format: string;
  transport: Transport;
  maxWidth: number;
}

export interface StreamState {
  phase: Phase;
  /** human text for the phase: the server's error, reconnect reason or status message */
  message: string | null;
  /** the error code of an `error` phase (docs/protocol.md, "Error codes") */
  code: string | null;
  /** socket reconnect attempt, or the server's camera reconnect attempt */
  attempt: number;
  retryInMs: number | null;
  /** what this client asks for */
  quality: Quality;
  fps: number;
  transport: Transport;
  maxWidth: number | null;
  /** what the server said it applies (stream_started / already_streaming / *_updated) */
  effective: Effective | null;
  metrics: FrameMetrics | null;
  frameNumber: number;
  /** frames received on this service since it was made */
  framesReceived: number;
  lastFrameBytes: number;
  /** capture → shown on this page, ms, smoothed; corrected by the clock offset */
  latencyMs: number | null;
  clockOffsetMs: number;
  roundTripMs: number | null;
  /** a non-fatal error (e.g. a refused parameter) while the stream goes on */
  notice: string | null;
}

export interface Frame {
  header: FrameMessage;
  jpeg: Uint8Array;
  latencyMs: number;
}

export interface StreamingOptions {
  quality?: Quality;
  fps?: number;
  transport?: Transport;
  backoff?: BackoffPolicy;
  /** state changes caused by frames only (metrics, latency) are sent at most this often */
  metricsIntervalMs?: number;
}

/** Sent as max_width for "the full size": the server snaps anything above 1920 to the source width. */
export const FULL_WIDTH = 4096;
/** The widths the server snaps max_width to (docs/protocol.md). */
export const WIDTH_BUCKETS: readonly number[] = [320, 640, 1280];

/**
 * The max_width a tile asks for: the smallest rendition that covers its size on screen (device
 * pixels; up to 15 % upscaling is accepted to save bandwidth), or the full size.
 */
export function chooseMaxWidth(cssWidth: number, devicePixelRatio: number, fullscreen: boolean): number {
  if (fullscreen || !Number.isFinite(cssWidth) || cssWidth <= 0) {
    return FULL_WIDTH;
  }
  const need = cssWidth * (devicePixelRatio > 0 ? devicePixelRatio : 1);
  for (const bucket of WIDTH_BUCKETS) {
    if (bucket >= need * 0.85) {
      return bucket;
    }
  }
  return FULL_WIDTH;
}

/** ws(s)://host/ws/stream/{id}[?token=...] on the page's own host. */
export function socketUrl(location: { protocol: string; host: string }, cameraId: string, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/ws/stream/${encodeURIComponent(cameraId)}${query}`;
}

/** Errors after which nothing is retried on its own: the user must act (retry, log in, fix the camera). */
const TERMINAL_CODES = new Set(['camera_removed', 'camera_not_found', 'unauthorized', 'forbidden']);
/** The close code of a socket refused by policy (the server's answer to missing credentials). */
const CLOSE_POLICY = 1008;
const OPEN = 1;
/** Pings right after connecting to measure the clock offset, then one now and then (keeps it fresh). */
const PING_BURST_MS = [0, 400, 1200, 2500];
const PING_EVERY_MS = 15_000;
const LATENCY_SMOOTHING = 0.2;

export class StreamingService {
  private readonly env: StreamingEnv;
  private readonly backoff: BackoffPolicy;
  private readonly metricsIntervalMs: number;
  private readonly clock = new ClockOffset();
  private readonly stateListeners = new Set<(s: StreamState) => void>();
  private readonly frameListeners = new Set<(f: Frame) => void>();

  private state: StreamState;
  private socket: SocketLike | null = null;
  /** bumped for every connect: events of an older socket are ignored */
  private generation = 0;
  private connected = false;
  private wantStream = false;
  private suspended = false;
  /** a terminal error happened: no automatic reconnect or restart until retry() */
  private terminal = false;
  private disposed = false;
  private socketAttempt = 0;
  private reconnectTimer: unknown = null;
  private pingTimer: unknown = null;
  private pingIndex = 0;
  private emitTimer: unknown = null;
  private lastEmit = -Infinity;

  constructor(
    readonly cameraId: string,
    env: StreamingEnv,
    options: StreamingOptions = {},
  ) {
    this.env = env;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.metricsIntervalMs = options.metricsIntervalMs ?? 250;
    this.state = {
      phase: 'idle',
      message: null,
      code: null,
      attempt: 0,
      retryInMs: null,
      quality: options.quality ?? 'medium',
      fps: options.fps ?? 15,
      transport: options.transport ?? 'binary',
      maxWidth: null,
      effective: null,
      metrics: null,
      frameNumber: 0,
      framesReceived: 0,
      lastFrameBytes: 0,
      latencyMs: null,
      clockOffsetMs: 0,
      roundTripMs: null,
      notice: null,
    };
  }

  getState(): StreamState {
    return this.state;
  }

  /** @returns a function that removes the listener */
  onState(listener: (s: StreamState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onFrame(listener: (f: Frame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  // ---- what the UI asks for ----

  /** Starts streaming (opening the socket when needed). */
  start(): void {
    if (this.disposed) {
      return;
    }
    this.wantStream = true;
    if (this.terminal) {
      return; // retry() clears it: a start while in error state is the user's retry
    }
    if (this.suspended) {
      this.update({ phase: 'paused' });
    } else if (this.connected) {
      this.sendStart();
    } else if (this.socket === null && this.reconnectTimer === null) {
      this.connect();
    }
  }

  /** Stops streaming; the socket stays open for a quick restart. */
  stop(): void {
    this.wantStream = false;
    this.cancelReconnect();
    if (this.connected) {
      this.send({ action: 'stop_stream' });
    }
    if (!this.terminal) {
      this.update({ phase: 'stopped', message: null, notice: null, retryInMs: null });
    }
  }

  /** After an error: start again from scratch (new socket, attempts reset). */
  retry(): void {
    if (this.disposed) {
      return;
    }
    this.terminal = false;
    this.socketAttempt = 0;
    this.wantStream = true;
    this.cancelReconnect();
    this.update({ message: null, code: null, notice: null, attempt: 0, retryInMs: null });
    if (this.connected) {
      this.sendStart();
    } else {
      this.connect();
    }
  }

  setQuality(quality: Quality): void {
    if (quality === this.state.quality) {
      return;
    }
    this.update({ quality });
    // The server keeps it for the next start when idle, so it is sent either way.
    if (this.connected) {
      this.send({ action: 'update_quality', params: { quality } });
    }
  }

  setFps(fps: number): void {
    if (fps === this.state.fps) {
      return;
    }
    this.update({ fps });
    if (this.connected) {
      this.send({ action: 'update_fps', params: { fps } });
    }
  }

  /** The transport changes only with a start_stream (docs/protocol.md). */
  setTransport(transport: Transport): void {
    if (transport === this.state.transport) {
      return;
    }
    this.update({ transport });
    if (this.connected && this.streamRunning()) {
      this.send({ action: 'start_stream', params: { transport } });
    }
  }

  /** The width the tile shows the picture at (device pixels; see chooseMaxWidth). */
  setMaxWidth(maxWidth: number): void {
    if (maxWidth === this.state.maxWidth) {
      return;
    }
    this.update({ maxWidth });
    if (this.connected && this.streamRunning()) {
      this.send({ action: 'start_stream', params: { max_width: maxWidth } });
    }
  }

  /** While the page is hidden nothing is streamed (stop_stream); shown again, the stream restarts. */
  setSuspended(suspended: boolean): void {
    if (suspended === this.suspended) {
      return;
    }
    this.suspended = suspended;
    if (!this.wantStream || this.terminal) {
      return;
    }
    if (suspended) {
      if (this.connected) {
        this.send({ action: 'stop_stream' });
      }
      this.update({ phase: 'paused' });
    } else if (this.connected) {
      this.sendStart();
    } else if (this.socket === null && this.reconnectTimer === null) {
      this.connect();
    }
  }

  /** Closes the socket (1000: a normal close, never retried) and forgets every listener. */
  dispose(): void {
    this.disposed = true;
    this.cancelReconnect();
    this.stopPings();
    if (this.emitTimer !== null) {
      this.env.clearTimeout(this.emitTimer);
      this.emitTimer = null;
    }
    this.closeSocket();
    this.stateListeners.clear();
    this.frameListeners.clear();
  }

  // ---- the socket ----

  private connect(): void {
    this.closeSocket();
    const generation = ++this.generation;
    this.update({ phase: 'connecting', retryInMs: null });
    this.env.fetchToken().then(
      (token) => {
        if (generation === this.generation && !this.disposed) {
          this.open(generation, token);
        }
      },
      (error: unknown) => {
        if (generation !== this.generation || this.disposed) {
          return;
        }
        const text = error instanceof Error ? error.message : String(error);
        if (error instanceof TokenError && (error.status === 401 || error.status === 403)) {
          this.fail(error.status === 401 ? 'unauthorized' : 'forbidden', text);
        } else {
          this.scheduleReconnect(`cannot get a stream token: ${text}`);
        }
      },
    );
  }

  private open(generation: number, token: string | null): void {
    let socket: SocketLike;
    try {
      socket = this.env.createSocket(socketUrl(this.env.location, this.cameraId, token));
    } catch (error) {
      this.scheduleReconnect(`cannot open the stream socket: ${String(error)}`);
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onmessage = (event) => {
      if (generation === this.generation) {
        this.receive(event.data);
      }
    };
    socket.onclose = (event) => {
      if (generation === this.generation) {
        this.closed(event.code, event.reason);
      }
    };
    socket.onerror = () => {
      // a close event follows; it decides
    };
  }

  private closed(code: number, reason: string): void {
    this.socket = null;
    this.connected = false;
    this.stopPings();
    if (this.disposed || this.terminal) {
      return;
    }
    if (code === CLOSE_POLICY) {
      this.fail('unauthorized', reason || 'the server refused the stream connection: log in again');
      return;
    }
    if (this.wantStream) {
      this.scheduleReconnect(`connection to the server lost (close code ${code}${reason ? `: ${reason}` : ''})`);
    }
    // Not streaming: no socket is needed until the next start().
  }

  private scheduleReconnect(reason: string): void {
    this.socket = null;
    this.connected = false;
    this.socketAttempt += 1;
    const delay = backoffDelay(this.socketAttempt, this.env.random(), this.backoff);
    this.update({ phase: 'reconnecting', message: reason, attempt: this.socketAttempt, retryInMs: delay, code: null });
    this.cancelReconnect();
    this.reconnectTimer = this.env.setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.disposed && !this.terminal && (this.wantStream || this.suspended)) {
        this.connect();
      }
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) {
      this.env.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.connected = false;
    this.stopPings();
    this.generation++;
    if (socket !== null) {
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      try {
        socket.close(1000, 'viewer closed');
      } catch {
        // already closing
      }
    }
  }

  private send(message: ClientMessage): void {
    if (this.socket !== null && this.socket.readyState === OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  private startParams(): StartParams {
    const params: StartParams = {
      quality: this.state.quality,
      fps: this.state.fps,
      format: 'jpeg',
      transport: this.state.transport,
    };
    if (this.state.maxWidth !== null) {
      params.max_width = this.state.maxWidth;
    }
    return params;
  }

  private sendStart(): void {
    this.send({ action: 'start_stream', params: this.startParams() });
    this.update({ phase: 'starting', message: null, code: null, notice: null, retryInMs: null });
  }

  private streamRunning(): boolean {
    const p = this.state.phase;
    return p === 'starting' || p === 'streaming' || p === 'camera_reconnecting' || p === 'protocol_missing';
  }

  // ---- messages ----

  private receive(data: unknown): void {
    if (typeof data === 'string') {
      const message = parseTextMessage(data);
      if (message !== null) {
        this.handle(message);
      }
    } else if (data instanceof ArrayBuffer) {
      let frame;
      try {
        frame = parseBinaryFrame(data);
      } catch (error) {
        this.update({ notice: `bad frame from the server: ${(error as Error).message}` });
        return;
      }
      this.frame(frame.header, frame.jpeg);
    }
  }

  /** Exposed for tests: one parsed server message. */
  handle(message: ServerMessage): void {
    switch (message.type) {
      case 'connection':
        this.connectionOpened();
        break;
      case 'status':
        this.status(message);
        break;
      case 'error':
        this.error(message);
        break;
      case 'pong':
        this.pong(message.client_time, parseTimestamp(message.server_time));
        break;
      case 'frame':
        if (typeof message.data === 'string') {
          let jpeg: Uint8Array;
          try {
            jpeg = base64ToBytes(message.data);
          } catch {
            this.update({ notice: 'bad frame from the server: data is not base64' });
            return;
          }
          this.frame(message, jpeg);
        }
        break;
    }
  }

  private connectionOpened(): void {
    this.connected = true;
    this.pingIndex = 0;
    this.schedulePing(PING_BURST_MS[0]);
    if (this.wantStream && !this.suspended) {
      this.sendStart();
    } else {
      // Connected and idle counts as a success: the next drop starts from the first delay again.
      this.socketAttempt = 0;
      this.update({ phase: this.wantStream ? 'paused' : 'stopped', attempt: 0 });
    }
  }

  private status(m: StatusMessage): void {
    switch (m.status) {
      case 'stream_started':
      case 'already_streaming':
        this.socketAttempt = 0;
        this.update({
          phase: this.wantStream && !this.suspended ? 'streaming' : this.state.phase,
          message: null,
          code: null,
          attempt: 0,
          retryInMs: null,
          effective: {
            quality: m.quality ?? this.state.quality,
            fps: m.fps ?? this.state.fps,
            format: m.format ?? 'jpeg',
            transport: m.transport ?? this.state.transport,
            maxWidth: m.max_width ?? 0,
          },
        });
        break;
      case 'stream_stopped':
      case 'not_streaming':
        if (this.state.phase !== 'error') {
          this.update({ phase: this.wantStream && this.suspended ? 'paused' : 'stopped', message: null });
        }
        break;
      case 'quality_updated':
        if (this.state.effective !== null && m.quality) {
          this.update({ effective: { ...this.state.effective, quality: m.quality } });
        }
        break;
      case 'fps_updated':
        if (this.state.effective !== null && typeof m.fps === 'number') {
          this.update({ effective: { ...this.state.effective, fps: m.fps } });
        }
        break;
      case 'reconnecting':
        this.update({
          phase: 'camera_reconnecting',
          message: m.reason ?? m.message ?? 'the server is reconnecting to the camera',
          attempt: m.attempt ?? 0,
          retryInMs: m.retry_in_ms ?? null,
        });
        break;
      case 'resumed':
        this.update({ phase: 'streaming', message: null, attempt: 0, retryInMs: null });
        break;
      case 'protocol_missing':
        this.update({
          phase: 'protocol_missing',
          message: m.message ?? 'the plugin for this camera\'s protocol is not installed',
        });
        break;
      default:
      // a status a newer server may add
    }
  }

  private error(m: ErrorMessage): void {
    if (TERMINAL_CODES.has(m.code) || m.fatal) {
      this.fail(m.code, m.error);
    } else if (this.state.phase === 'starting') {
      // The answer to our start_stream: the stream did not start.
      this.fail(m.code, m.error, false);
    } else {
      this.update({ notice: m.error, code: m.code });
    }
  }

  /**
   * The stream ended: shown with the server's text. {@code terminal} errors stop every automatic
   * retry; the socket stays open when it is still usable (retry() sends a new start on it).
   */
  private fail(code: string, message: string, terminal = true): void {
    this.terminal = terminal;
    this.cancelReconnect();
    this.update({ phase: 'error', code, message, retryInMs: null, notice: null });
  }

  private frame(header: FrameMessage, jpeg: Uint8Array): void {
    if (!this.wantStream || this.suspended || this.terminal) {
      return; // sent before the server read our stop: not shown
    }
    const now = this.env.now();
    const capture = parseTimestamp(header.capture_timestamp);
    const latency = Number.isFinite(capture) ? frameLatencyMs(capture, now, this.clock.offsetMs()) : NaN;
    const smoothed = !Number.isFinite(latency)
      ? this.state.latencyMs
      : this.state.latencyMs === null
        ? latency
        : this.state.latencyMs + LATENCY_SMOOTHING * (latency - this.state.latencyMs);
    const first = this.state.phase !== 'streaming';
    this.state = {
      ...this.state,
      phase: this.state.phase === 'starting' || this.state.phase === 'camera_reconnecting' ? 'streaming' : this.state.phase,
      metrics: header.metrics ?? this.state.metrics,
      frameNumber: header.frame_number,
      framesReceived: this.state.framesReceived + 1,
      lastFrameBytes: jpeg.byteLength,
      latencyMs: smoothed,
    };
    for (const listener of this.frameListeners) {
      listener({ header, jpeg, latencyMs: latency });
    }
    this.emitThrottled(first);
  }

  // ---- clock ----

  private schedulePing(delay: number): void {
    this.stopPings();
    this.pingTimer = this.env.setTimeout(() => {
      this.pingTimer = null;
      if (!this.connected) {
        return;
      }
      this.send({ action: 'ping', params: { client_time: this.env.now() } });
      this.pingIndex += 1;
      const next = this.pingIndex < PING_BURST_MS.length ? PING_BURST_MS[this.pingIndex] - PING_BURST_MS[this.pingIndex - 1] : PING_EVERY_MS;
      this.schedulePing(next);
    }, delay);
  }

  private stopPings(): void {
    if (this.pingTimer !== null) {
      this.env.clearTimeout(this.pingTimer);
      this.pingTimer = null;
    }
  }

  private pong(clientTime: unknown, serverTime: number): void {
    if (typeof clientTime !== 'number') {
      return; // not one of ours
    }
    const sample = this.clock.add(clientTime, serverTime, this.env.now());
    if (sample !== null) {
      const best = this.clock.best();
      this.update({ clockOffsetMs: this.clock.offsetMs(), roundTripMs: best?.roundTripMs ?? null });
    }
  }

  // ---- state ----

  private update(changes: Partial<StreamState>): void {
    this.state = { ...this.state, ...changes };
    this.emitNow();
  }

  private emitNow(): void {
    if (this.emitTimer !== null) {
      this.env.clearTimeout(this.emitTimer);
      this.emitTimer = null;
    }
    this.lastEmit = this.env.now();
    const snapshot = this.state;
    for (const listener of this.stateListeners) {
      listener(snapshot);
    }
  }

  /** Frames change the figures many times a second: the UI hears of it a few times a second. */
  private emitThrottled(force: boolean): void {
    const since = this.env.now() - this.lastEmit;
    if (force || since >= this.metricsIntervalMs) {
      this.emitNow();
    } else if (this.emitTimer === null) {
      this.emitTimer = this.env.setTimeout(() => {
        this.emitTimer = null;
        if (!this.disposed) {
          this.emitNow();
        }
      }, this.metricsIntervalMs - since);
    }
  }
}
