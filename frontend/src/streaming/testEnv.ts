// A fake socket, clock and timers for the StreamingService tests (not part of the app bundle: only
// the tests import it).

import type { SocketLike, StreamingEnv } from './StreamingService';

export class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }

  /** the server side: open, then the `connection` message */
  accept(cameraId = 'demo'): void {
    this.readyState = 1;
    this.onopen?.({});
    this.text({ type: 'connection', camera_id: cameraId, timestamp: iso(0), status: 'connected', client_id: 'client_1', server_time: iso(0) });
  }

  text(message: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  binary(buffer: ArrayBuffer): void {
    this.onmessage?.({ data: buffer });
  }

  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  actions(): string[] {
    return this.sent.map((m) => String(m.action));
  }

  last(action: string): Record<string, unknown> | undefined {
    return [...this.sent].reverse().find((m) => m.action === action);
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeEnv implements StreamingEnv {
  time = 1_700_000_000_000;
  randomValue = 0.5;
  sockets: FakeSocket[] = [];
  tokens = 0;
  /** what the next fetchToken does */
  tokenResult: () => Promise<string | null> = async () => `tok${++this.tokens}`;
  location = { protocol: 'http:', host: 'cams.example:8000' };
  private timers: Timer[] = [];
  private nextId = 1;

  createSocket(url: string): FakeSocket {
    const s = new FakeSocket(url);
    this.sockets.push(s);
    return s;
  }

  fetchToken(): Promise<string | null> {
    return this.tokenResult();
  }

  now(): number {
    return this.time;
  }

  random(): number {
    return this.randomValue;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const t = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(t);
    return t.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Moves the clock, running the timers that come due in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
  }

  pendingDelays(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  socket(): FakeSocket {
    return this.sockets[this.sockets.length - 1];
  }
}

/** Lets pending promise callbacks (the token fetch) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

export function binaryFrame(header: Record<string, unknown>, jpeg: number[]): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const buffer = new ArrayBuffer(4 + json.length + jpeg.length);
  new DataView(buffer).setUint32(0, json.length, false);
  new Uint8Array(buffer, 4, json.length).set(json);
  new Uint8Array(buffer, 4 + json.length).set(jpeg);
  return buffer;
}
