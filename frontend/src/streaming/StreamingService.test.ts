import { describe, expect, it } from 'vitest';
import { chooseMaxWidth, FULL_WIDTH, socketUrl, StreamingService, TokenError, type Frame, type StreamState } from './StreamingService';
import { binaryFrame, FakeEnv, flush, iso } from './testEnv';

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9];

function frameHeader(n: number, captureMs: number) {
  return {
    type: 'frame', camera_id: 'demo', timestamp: iso(captureMs + 5), capture_timestamp: iso(captureMs), frame_number: n,
    metrics: { fps: 10, target_fps: 10, quality: 'medium', format: 'jpeg', frames_sent: n, health_score: 90, width: 320, height: 240 },
  };
}

async function connected(options = {}) {
  const env = new FakeEnv();
  const service = new StreamingService('demo', env, options);
  const states: StreamState[] = [];
  const frames: Frame[] = [];
  service.onState((s) => states.push(s));
  service.onFrame((f) => frames.push(f));
  service.start();
  await flush();
  env.socket().accept();
  return { env, service, states, frames, socket: env.socket() };
}

function started(socket: ReturnType<FakeEnv['socket']>, params: Record<string, unknown> = {}) {
  socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'stream_started', message: 'streaming', quality: 'medium', fps: 15, format: 'jpeg', transport: 'binary', max_width: 0, ...params });
}

describe('socket URL and size', () => {
  it('uses the page host with ws: or wss: and the token', () => {
    expect(socketUrl({ protocol: 'http:', host: 'h:8000' }, 'demo', 'a/b')).toBe('ws://h:8000/ws/stream/demo?token=a%2Fb');
    expect(socketUrl({ protocol: 'https:', host: 'cams.example' }, 'my cam', null)).toBe('wss://cams.example/ws/stream/my%20cam');
  });

  it('asks for the smallest rendition that covers the tile, full size in fullscreen', () => {
    expect(chooseMaxWidth(300, 1, false)).toBe(320);
    expect(chooseMaxWidth(360, 1, false)).toBe(320); // 12 % upscaling is fine
    expect(chooseMaxWidth(400, 1, false)).toBe(640);
    expect(chooseMaxWidth(400, 2, false)).toBe(1280);
    expect(chooseMaxWidth(1000, 2, false)).toBe(FULL_WIDTH);
    expect(chooseMaxWidth(200, 1, true)).toBe(FULL_WIDTH);
    expect(chooseMaxWidth(0, 1, false)).toBe(FULL_WIDTH);
  });
});

describe('StreamingService messages', () => {
  it('connects with a fresh token and starts with its parameters', async () => {
    const { env, socket, service } = await connected({ quality: 'high', fps: 10 });
    expect(socket.url).toBe('ws://cams.example:8000/ws/stream/demo?token=tok1');
    expect(socket.binaryType).toBe('arraybuffer');
    const start = socket.last('start_stream');
    expect(start).toEqual({ action: 'start_stream', params: { quality: 'high', fps: 10, format: 'jpeg', transport: 'binary' } });
    expect(service.getState().phase).toBe('starting');
    started(socket, { quality: 'high', fps: 10 });
    expect(service.getState().phase).toBe('streaming');
    expect(service.getState().effective).toMatchObject({ quality: 'high', fps: 10, transport: 'binary' });
    expect(env.tokens).toBe(1);
  });

  it('delivers binary and json frames with their metrics', async () => {
    const { env, socket, service, frames } = await connected();
    started(socket);
    socket.binary(binaryFrame(frameHeader(1, env.time - 40), JPEG));
    socket.text({ ...frameHeader(2, env.time - 40), data: btoa(String.fromCharCode(...JPEG)) });
    expect(frames.map((f) => f.header.frame_number)).toEqual([1, 2]);
    expect(Array.from(frames[0].jpeg)).toEqual(JPEG);
    expect(Array.from(frames[1].jpeg)).toEqual(JPEG);
    expect(frames[0].latencyMs).toBe(40);
    const s = service.getState();
    expect(s.framesReceived).toBe(2);
    expect(s.lastFrameBytes).toBe(JPEG.length);
    expect(s.metrics?.width).toBe(320);
  });

  it('ignores a malformed binary frame and unknown message types', async () => {
    const { socket, service, frames } = await connected();
    started(socket);
    const bad = new ArrayBuffer(8);
    new DataView(bad).setUint32(0, 70000, false);
    socket.binary(bad);
    socket.text({ type: 'room_joined', camera_id: 'demo', timestamp: iso(0) });
    socket.onmessage?.({ data: 'not json' });
    expect(frames).toHaveLength(0);
    expect(service.getState().phase).toBe('streaming');
    expect(service.getState().notice).toMatch(/bad frame/);
  });

  it('sends quality, fps, size and transport changes the way the protocol wants them', async () => {
    const { socket, service } = await connected();
    started(socket);
    service.setQuality('low');
    service.setFps(5);
    service.setMaxWidth(640);
    service.setTransport('json');
    expect(socket.sent.slice(-4)).toEqual([
      { action: 'update_quality', params: { quality: 'low' } },
      { action: 'update_fps', params: { fps: 5 } },
      { action: 'start_stream', params: { max_width: 640 } },
      { action: 'start_stream', params: { transport: 'json' } },
    ]);
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'quality_updated', quality: 'low' });
    expect(service.getState().effective?.quality).toBe('low');
    service.setFps(5); // unchanged: nothing sent
    expect(socket.sent).toHaveLength(5); // start and the 4 changes (no ping yet: the clock has not moved)
  });

  it('stop sends stop_stream and drops frames that were already on their way', async () => {
    const { env, socket, service, frames } = await connected();
    started(socket);
    service.stop();
    expect(socket.last('stop_stream')).toEqual({ action: 'stop_stream' });
    expect(service.getState().phase).toBe('stopped');
    socket.binary(binaryFrame(frameHeader(3, env.time), JPEG));
    expect(frames).toHaveLength(0);
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'stream_stopped', message: 'stopped' });
    expect(service.getState().phase).toBe('stopped');
    service.start();
    expect(socket.last('start_stream')).toBeDefined();
    expect(env.sockets).toHaveLength(1); // the same socket
  });

  it('pauses while the page is hidden and resumes when shown', async () => {
    const { socket, service } = await connected();
    started(socket);
    service.setSuspended(true);
    expect(socket.actions().at(-1)).toBe('stop_stream');
    expect(service.getState().phase).toBe('paused');
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'stream_stopped' });
    expect(service.getState().phase).toBe('paused');
    service.setSuspended(false);
    expect(socket.actions().at(-1)).toBe('start_stream');
    expect(service.getState().phase).toBe('starting');
  });

  it('shows the camera reconnecting, protocol missing and resumed statuses with the server text', async () => {
    const { socket, service } = await connected();
    started(socket);
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'reconnecting', message: 'x', attempt: 2, retry_in_ms: 2000, reason: 'camera refused: 401 Unauthorized' });
    expect(service.getState()).toMatchObject({ phase: 'camera_reconnecting', attempt: 2, retryInMs: 2000, message: 'camera refused: 401 Unauthorized' });
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'protocol_missing', message: 'no plugin serves rtsp' });
    expect(service.getState()).toMatchObject({ phase: 'protocol_missing', message: 'no plugin serves rtsp' });
    socket.text({ type: 'status', camera_id: 'demo', timestamp: iso(0), status: 'resumed' });
    expect(service.getState()).toMatchObject({ phase: 'streaming', message: null });
  });

  it('keeps streaming after a non-fatal error and shows it as a notice', async () => {
    const { socket, service } = await connected();
    started(socket);
    socket.text({ type: 'error', camera_id: 'demo', timestamp: iso(0), error: 'fps must be an integer from 1 to 60; got 99', code: 'invalid_params', fatal: false, field: 'fps' });
    expect(service.getState()).toMatchObject({ phase: 'streaming', notice: 'fps must be an integer from 1 to 60; got 99' });
  });

  it('an error answering start_stream ends the start; Start tries again on the same socket', async () => {
    const { env, socket, service } = await connected();
    socket.text({ type: 'error', camera_id: 'demo', timestamp: iso(0), error: 'too many viewers', code: 'too_many_viewers', fatal: false });
    expect(service.getState()).toMatchObject({ phase: 'error', code: 'too_many_viewers', message: 'too many viewers' });
    const starts = socket.actions().filter((a) => a === 'start_stream').length;
    service.start();
    expect(socket.actions().filter((a) => a === 'start_stream').length).toBe(starts + 1);
    expect(env.sockets).toHaveLength(1);
  });
});

describe('StreamingService reconnects', () => {
  it('reopens a dropped socket after capped, jittered, growing delays and restarts the stream', async () => {
    const { env, service } = await connected();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      env.socket().drop(1006);
      const s = service.getState();
      expect(s.phase).toBe('reconnecting');
      expect(s.message).toMatch(/close code 1006/);
      delays.push(s.retryInMs ?? -1);
      env.advance(s.retryInMs ?? 0);
      await flush();
    }
    // random 0.5 and jitter 0.5: 75 % of min(15 s, 0.5 s · 2^(n−1))
    expect(delays).toEqual([375, 750, 1500, 3000, 6000, 11250, 11250, 11250]);
    expect(env.sockets).toHaveLength(9);
    expect(env.tokens).toBe(9); // a new token for every socket
    env.socket().accept();
    expect(env.socket().last('start_stream')).toBeDefined();
    started(env.socket());
    expect(service.getState().attempt).toBe(0);
    env.socket().drop(1006);
    expect(service.getState().retryInMs).toBe(375); // success reset the schedule
  });

  it('jitter spreads the delay between half and the whole', async () => {
    const { env, service } = await connected();
    env.randomValue = 0;
    env.socket().drop();
    expect(service.getState().retryInMs).toBe(250);
    env.advance(250);
    await flush();
    env.randomValue = 0.998;
    env.socket().drop();
    expect(service.getState().retryInMs).toBe(999);
  });

  it('retries when the token cannot be had, but not when the login is refused', async () => {
    const env = new FakeEnv();
    env.tokenResult = () => Promise.reject(new TokenError('server down', 503));
    const service = new StreamingService('demo', env);
    service.start();
    await flush();
    expect(service.getState()).toMatchObject({ phase: 'reconnecting', attempt: 1 });
    env.tokenResult = () => Promise.reject(new TokenError('log in first', 401));
    env.advance(10_000);
    await flush();
    expect(service.getState()).toMatchObject({ phase: 'error', code: 'unauthorized', message: 'log in first' });
    env.advance(60_000);
    await flush();
    expect(env.sockets).toHaveLength(0);
  });

  it.each([
    ['camera_removed', true],
    ['camera_not_found', false],
    ['unauthorized', true],
  ])('does not reconnect after %s until the user retries', async (code, fatal) => {
    const { env, socket, service } = await connected();
    started(socket);
    socket.text({ type: 'error', camera_id: 'demo', timestamp: iso(0), error: `camera demo: ${code}`, code, fatal });
    expect(service.getState()).toMatchObject({ phase: 'error', code, message: `camera demo: ${code}` });
    socket.drop(code === 'unauthorized' ? 1008 : 1006);
    env.advance(120_000);
    await flush();
    expect(env.sockets).toHaveLength(1);
    expect(service.getState().phase).toBe('error');
    service.start(); // not a retry: the error stays
    expect(env.sockets).toHaveLength(1);
    service.retry();
    await flush();
    expect(env.sockets).toHaveLength(2);
    env.socket().accept();
    expect(env.socket().last('start_stream')).toBeDefined();
  });

  it('treats a policy close (1008) as refused credentials', async () => {
    const { env, socket, service } = await connected();
    socket.drop(1008, 'unauthorized');
    expect(service.getState()).toMatchObject({ phase: 'error', code: 'unauthorized' });
    env.advance(60_000);
    await flush();
    expect(env.sockets).toHaveLength(1);
  });

  it('a fatal stream error keeps the socket but does not restart the stream by itself', async () => {
    const { env, socket, service } = await connected();
    started(socket);
    socket.text({ type: 'error', camera_id: 'demo', timestamp: iso(0), error: 'camera refused the password', code: 'auth_failed', fatal: true });
    expect(service.getState()).toMatchObject({ phase: 'error', code: 'auth_failed' });
    const before = socket.sent.length;
    env.advance(60_000);
    expect(socket.actions().slice(before).every((a) => a === 'ping')).toBe(true);
    service.retry();
    expect(socket.actions().at(-1)).toBe('start_stream');
  });

  it('does not reconnect a stopped viewer, and stops a pending reconnect', async () => {
    const { env, service } = await connected();
    env.socket().drop();
    expect(service.getState().phase).toBe('reconnecting');
    service.stop();
    env.advance(60_000);
    await flush();
    expect(env.sockets).toHaveLength(1);
    expect(service.getState().phase).toBe('stopped');
    service.start();
    await flush();
    expect(env.sockets).toHaveLength(2);
  });

  it('dispose closes with 1000 and nothing more happens', async () => {
    const { env, socket, service } = await connected();
    service.dispose();
    expect(socket.closedWith).toBe(1000);
    socket.drop(1006);
    env.advance(60_000);
    await flush();
    expect(env.sockets).toHaveLength(1);
  });
});

describe('StreamingService latency and clock', () => {
  it('measures the clock offset with pings and corrects the frame latency with it', async () => {
    const { env, socket, service, frames } = await connected();
    started(socket);
    // The server's clock is 5 s ahead. First ping: sent now, answered after a 200 ms round trip.
    const serverAhead = 5000;
    env.advance(0);
    const ping1 = socket.last('ping') as { params: { client_time: number } };
    expect(ping1.params.client_time).toBe(env.time);
    env.advance(200);
    socket.text({ type: 'pong', camera_id: 'demo', timestamp: iso(0), client_time: ping1.params.client_time, server_time: iso(ping1.params.client_time + 100 + serverAhead) });
    expect(service.getState().clockOffsetMs).toBe(serverAhead);
    expect(service.getState().roundTripMs).toBe(200);
    // A worse sample (asymmetric 900 ms round trip) does not replace the better one.
    env.advance(200);
    const ping2 = socket.last('ping') as { params: { client_time: number } };
    env.advance(900);
    socket.text({ type: 'pong', camera_id: 'demo', timestamp: iso(0), client_time: ping2.params.client_time, server_time: iso(ping2.params.client_time + 800 + serverAhead) });
    expect(service.getState().clockOffsetMs).toBe(serverAhead);
    // A frame captured 30 ms ago on the server's clock.
    socket.binary(binaryFrame(frameHeader(1, env.time + serverAhead - 30), JPEG));
    expect(frames[0].latencyMs).toBe(30);
    expect(service.getState().latencyMs).toBe(30);
  });

  it('pings a few times at first, then now and then', async () => {
    const { env, socket } = await connected();
    env.advance(3000);
    expect(socket.actions().filter((a) => a === 'ping')).toHaveLength(4);
    env.advance(15_000);
    expect(socket.actions().filter((a) => a === 'ping')).toHaveLength(5);
  });

  it('ignores pongs it did not ask for', async () => {
    const { socket, service } = await connected();
    socket.text({ type: 'pong', camera_id: 'demo', timestamp: iso(0), client_time: null, server_time: iso(0) });
    socket.text({ type: 'pong', camera_id: 'demo', timestamp: iso(0), client_time: 'x', server_time: iso(0) });
    expect(service.getState().roundTripMs).toBeNull();
  });

  it('tells the UI about frame figures a few times a second, not per frame', async () => {
    const { env, socket, states } = await connected({ metricsIntervalMs: 250 });
    started(socket);
    const before = states.length;
    for (let i = 1; i <= 20; i++) {
      socket.binary(binaryFrame(frameHeader(i, env.time), JPEG));
      env.advance(50); // 20 fps for one second
    }
    const during = states.length - before;
    expect(during).toBeGreaterThanOrEqual(3);
    expect(during).toBeLessThanOrEqual(6);
    expect(states.at(-1)?.frameNumber).toBe(20);
  });
});
