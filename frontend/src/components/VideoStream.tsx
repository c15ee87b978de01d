import { useEffect, useRef } from 'react';
import { chooseMaxWidth, type Frame, type StreamingService } from '../streaming/StreamingService';

/** A new tile size is sent once it has settled, not on every step of a window drag. */
const RESIZE_SETTLE_MS = 300;

/**
 * The live picture of one stream on a canvas. Frames are decoded off the main thread with
 * createImageBitmap and drawn on the next animation frame. Never more than the newest frame is
 * held: while one picture decodes, a newer one waits (an older waiting one is dropped), and a
 * decoded picture that was not drawn yet is closed when a newer one is ready.
 *
 * The canvas carries what tests and curious people may read: data-frames (pictures drawn),
 * data-frame-width/height (the last picture's size), data-frame-bytes (its JPEG size) and
 * data-frame-quality (the quality the server says it has).
 */
export function VideoStream({ service, fullscreen, label }: { service: StreamingService; fullscreen: boolean; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const fullscreenRef = useRef(fullscreen);

  // Decode and draw.
  useEffect(() => {
    const canvas = canvasRef.current!;
    const ctx = canvas.getContext('2d', { alpha: false });
    let waiting: Frame | null = null;
    let decoding = false;
    let ready: ImageBitmap | null = null;
    let readyMeta = { bytes: 0, quality: '' };
    let raf = 0;
    let drawn = 0;
    let disposed = false;

    const draw = () => {
      raf = 0;
      const bitmap = ready;
      ready = null;
      if (bitmap === null || ctx === null) return;
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      ctx.drawImage(bitmap, 0, 0);
      drawn += 1;
      canvas.dataset.frames = String(drawn);
      canvas.dataset.frameWidth = String(bitmap.width);
      canvas.dataset.frameHeight = String(bitmap.height);
      canvas.dataset.frameBytes = String(readyMeta.bytes);
      canvas.dataset.frameQuality = readyMeta.quality;
      bitmap.close();
    };

    const decodeNext = async () => {
      const frame = waiting;
      waiting = null;
      if (frame === null || disposed) return;
      decoding = true;
      try {
        const bitmap = await createImageBitmap(new Blob([frame.jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }));
        if (disposed) {
          bitmap.close();
          return;
        }
        ready?.close(); // superseded before it was drawn
        ready = bitmap;
        readyMeta = { bytes: frame.jpeg.byteLength, quality: frame.header.metrics?.quality ?? '' };
        if (raf === 0) raf = requestAnimationFrame(draw);
      } catch {
        // a picture the browser cannot decode: skip it, the next one comes soon
      } finally {
        decoding = false;
        if (waiting !== null) void decodeNext();
      }
    };

    const off = service.onFrame((frame) => {
      waiting = frame; // replaces a waiting older one
      if (!decoding) void decodeNext();
    });
    return () => {
      disposed = true;
      off();
      if (raf !== 0) cancelAnimationFrame(raf);
      ready?.close();
      ready = null;
      waiting = null;
    };
  }, [service]);

  // Ask for a picture that fits the tile: device pixels of its width; full size in fullscreen.
  useEffect(() => {
    const box = boxRef.current!;
    let timer = 0;
    const apply = () => service.setMaxWidth(chooseMaxWidth(box.getBoundingClientRect().width, window.devicePixelRatio || 1, fullscreenRef.current));
    apply(); // before the first start_stream (the parent starts after this effect)
    const observer = new ResizeObserver(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, RESIZE_SETTLE_MS);
    });
    observer.observe(box);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [service]);

  useEffect(() => {
    fullscreenRef.current = fullscreen;
    const box = boxRef.current;
    if (box) service.setMaxWidth(chooseMaxWidth(box.getBoundingClientRect().width, window.devicePixelRatio || 1, fullscreen));
  }, [service, fullscreen]);

  // Nothing streams to a hidden page.
  useEffect(() => {
    const onVisibility = () => service.setSuspended(document.visibilityState === 'hidden');
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [service]);

  return (
    <div ref={boxRef} className="canvas-box">
      <canvas ref={canvasRef} role="img" aria-label={label} width={320} height={180} />
    </div>
  );
}
