// The wire protocol of /ws/stream/{cameraId} (docs/protocol.md): message shapes and the closed
// list of error codes. Only what this client reads is typed; unknown fields and types are ignored.

export type Quality = 'low' | 'medium' | 'high' | 'source';
export type Transport = 'json' | 'binary';

export const QUALITIES: readonly Quality[] = ['low', 'medium', 'high', 'source'];
/** The fps choices offered in the UI (the server accepts any integer 1–60). */
export const FPS_CHOICES: readonly number[] = [1, 5, 10, 15, 20, 30];

export type ErrorCode =
  | 'camera_not_found'
  | 'camera_unreachable'
  | 'auth_failed'
  | 'timeout'
  | 'stream_not_found'
  | 'unsupported_codec'
  | 'unsupported_format'
  | 'not_a_stream'
  | 'protocol_missing'
  | 'camera_removed'
  | 'invalid_json'
  | 'unknown_action'
  | 'invalid_params'
  | 'unauthorized'
  | 'forbidden'
  | 'too_many_viewers'
  | 'internal';

export interface FrameMetrics {
  fps?: number;
  target_fps?: number;
  quality?: string;
  format?: string;
  frames_sent?: number;
  uptime_seconds?: number;
  avg_fps?: number;
  health_score?: number;
  latency_ms?: number;
  dropped_frames?: number;
  width?: number;
  height?: number;
  bytes_per_second?: number;
}

interface Base {
  camera_id: string;
  timestamp: string;
}

export interface ConnectionMessage extends Base {
  type: 'connection';
  status: string;
  client_id: string;
  server_time: string;
}

export interface StatusMessage extends Base {
  type: 'status';
  status: string;
  message?: string;
  quality?: Quality;
  fps?: number;
  format?: string;
  transport?: Transport;
  max_width?: number;
  attempt?: number;
  retry_in_ms?: number;
  reason?: string;
}

export interface FrameMessage extends Base {
  type: 'frame';
  capture_timestamp: string;
  frame_number: number;
  metrics?: FrameMetrics;
  /** base64 JPEG, json transport only */
  data?: string;
}

export interface ErrorMessage extends Base {
  type: 'error';
  error: string;
  code: ErrorCode | string;
  fatal: boolean;
  field?: string | null;
}

export interface PongMessage extends Base {
  type: 'pong';
  client_time: unknown;
  server_time: string;
}

export type ServerMessage = ConnectionMessage | StatusMessage | FrameMessage | ErrorMessage | PongMessage;

export interface StartParams {
  quality?: Quality;
  fps?: number;
  format?: string;
  transport?: Transport;
  max_width?: number;
}

export type ClientMessage =
  | { action: 'start_stream'; params: StartParams }
  | { action: 'stop_stream' }
  | { action: 'update_quality'; params: { quality: Quality } }
  | { action: 'update_fps'; params: { fps: number } }
  | { action: 'ping'; params: { client_time: number } };

const KNOWN_TYPES = new Set(['connection', 'status', 'frame', 'error', 'pong']);

/** Parses a text message; null for anything that is not an object with a known `type`. */
export function parseTextMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? (value as ServerMessage) : null;
}

/** The largest JSON header of a binary frame (docs/protocol.md, "Binary transport"). */
export const MAX_BINARY_HEADER = 65536;

export interface BinaryFrame {
  header: FrameMessage;
  /** the raw JPEG: a view into the message's buffer, no copy */
  jpeg: Uint8Array;
}

/**
 * Splits a binary frame message: 4-byte big-endian length N, N bytes of UTF-8 JSON (the frame
 * message without `data`), then the JPEG. Throws on a malformed message.
 */
export function parseBinaryFrame(buffer: ArrayBuffer): BinaryFrame {
  if (buffer.byteLength < 4) {
    throw new Error(`binary frame too short (${buffer.byteLength} bytes)`);
  }
  const n = new DataView(buffer).getUint32(0, false);
  if (n > MAX_BINARY_HEADER || 4 + n > buffer.byteLength) {
    throw new Error(`binary frame header length ${n} does not fit the message of ${buffer.byteLength} bytes`);
  }
  const json = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buffer, 4, n));
  const header = parseTextMessage(json);
  if (header === null || header.type !== 'frame') {
    throw new Error('binary frame header is not a frame message');
  }
  return { header, jpeg: new Uint8Array(buffer, 4 + n) };
}

/** Decodes standard base64 (json transport) into bytes. */
export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Milliseconds since the epoch of a protocol timestamp (ISO-8601 UTC with `Z`); NaN when unreadable. */
export function parseTimestamp(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}
