'use strict';
// The minimal viewer: camera list from /api/cameras, live picture from /ws/stream/{id} (json
// transport). Every URL is relative to this page, so it works behind any host, port or TLS.
(() => {
  const $ = (id) => document.getElementById(id);
  const list = $('cameras');
  const statusLine = $('status');
  const figures = $('figures');
  const quality = $('quality');
  const fps = $('fps');
  const canvas = $('view');
  const ctx = canvas.getContext('2d');

  let cameraId = null;
  let socket = null;
  let streaming = false;
  let retryTimer = null;
  // One decode at a time; a frame arriving meanwhile replaces the waiting one (newest wins).
  let decoding = false;
  let waiting = null;
  let shown = 0;
  let shownSince = performance.now();
  let latencyMs = null;
  let serverFps = null;

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? 'error' : '';
  }

  async function loadCameras() {
    try {
      const res = await fetch('api/cameras', { headers: { Accept: 'application/json' } });
      if (!res.ok) {
        throw new Error('HTTP ' + res.status);
      }
      const cameras = await res.json();
      list.replaceChildren(...cameras.map(cameraItem));
      if (cameras.length === 0) {
        say('No camera is configured.');
      } else if (cameraId === null) {
        // Opening the page shows video at once: the camera named in the address (#id), else the first.
        const wanted = decodeURIComponent(location.hash.slice(1));
        watch(cameras.some((c) => c.id === wanted) ? wanted : cameras[0].id);
      }
    } catch (e) {
      say('Cannot load the camera list: ' + e.message, true);
    }
  }

  function cameraItem(camera) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = camera.id;
    button.textContent = camera.name + ' (' + camera.protocol + ', ' + camera.state + ')';
    button.className = camera.id === cameraId ? 'chosen' : '';
    button.addEventListener('click', () => watch(camera.id));
    const item = document.createElement('li');
    item.append(button);
    return item;
  }

  function socketUrl(id) {
    const url = new URL('ws/stream/' + encodeURIComponent(id), location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    return url.href;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function watch(id) {
    disconnect();
    cameraId = id;
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    for (const b of list.querySelectorAll('button')) {
      b.className = b.dataset.id === id ? 'chosen' : '';
    }
    connect(id);
  }

  function disconnect() {
    clearTimeout(retryTimer);
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
      socket = null;
    }
    streaming = false;
  }

  function connect(id) {
    say('Camera ' + id + ': connecting…');
    const ws = new WebSocket(socketUrl(id));
    socket = ws;
    ws.onopen = () => send({
      action: 'start_stream',
      params: { quality: quality.value, fps: Number(fps.value), format: 'jpeg', transport: 'json' },
    });
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handle(message);
    };
    ws.onclose = (event) => {
      if (socket !== ws) {
        return;
      }
      socket = null;
      streaming = false;
      say('Camera ' + id + ': connection closed (' + event.code + '), reconnecting…', true);
      retryTimer = setTimeout(() => {
        if (cameraId === id) {
          connect(id);
        }
      }, 2000);
    };
  }

  function handle(m) {
    switch (m.type) {
      case 'frame':
        return frame(m);
      case 'status':
        return status(m);
      case 'error':
        if (m.fatal) {
          streaming = false;
        }
        return say('Camera ' + m.camera_id + ': ' + m.error + ' [' + m.code + ']', true);
      case 'connection':
        return say('Camera ' + m.camera_id + ': connected');
      default:
        return undefined; // pong, and types a newer server may add
    }
  }

  function status(m) {
    const who = 'Camera ' + m.camera_id + ': ';
    switch (m.status) {
      case 'stream_started':
      case 'already_streaming':
        streaming = true;
        return say(who + 'streaming (' + m.quality + ', ' + m.fps + ' fps)');
      case 'stream_stopped':
      case 'not_streaming':
        streaming = false;
        return say(who + 'stopped');
      case 'protocol_missing':
        return say(who + 'protocol plugin missing, waiting', true);
      case 'reconnecting':
        return say(who + 'reconnecting, attempt ' + m.attempt + ' in ' + (m.retry_in_ms / 1000).toFixed(1)
          + ' s: ' + m.reason, true);
      case 'resumed':
        return say(who + 'streaming again');
      default:
        return say(who + m.message);
    }
  }

  function frame(m) {
    latencyMs = Date.now() - new Date(m.capture_timestamp).getTime();
    serverFps = m.metrics ? m.metrics.fps : null;
    if (decoding) {
      waiting = m.data;
    } else {
      draw(m.data);
    }
  }

  async function draw(base64) {
    decoding = true;
    try {
      const text = atob(base64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        bytes[i] = text.charCodeAt(i);
      }
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      shown++;
    } catch (e) {
      say('Cannot decode a frame: ' + e.message, true);
    }
    decoding = false;
    if (waiting) {
      const next = waiting;
      waiting = null;
      draw(next);
    }
  }

  function showFigures() {
    const now = performance.now();
    const shownFps = (shown * 1000) / (now - shownSince);
    shown = 0;
    shownSince = now;
    figures.textContent = streaming
      ? 'shown ' + shownFps.toFixed(1) + ' fps · sent ' + (serverFps == null ? '–' : serverFps.toFixed(1))
        + ' fps · latency ' + (latencyMs == null ? '–' : latencyMs + ' ms')
      : '';
  }

  quality.addEventListener('change', () => send({ action: 'update_quality', params: { quality: quality.value } }));
  fps.addEventListener('change', () => send({ action: 'update_fps', params: { fps: Number(fps.value) } }));
  $('refresh').addEventListener('click', loadCameras);
  setInterval(showFigures, 1000);
  setInterval(loadCameras, 5000); // camera states (idle, streaming, reconnecting…) change on their own
  // A socket waiting for a camera carries no frames; the ping keeps it from the server's idle timeout.
  setInterval(() => send({ action: 'ping', params: { client_time: new Date().toISOString() } }), 30000);
  loadCameras();
})();
