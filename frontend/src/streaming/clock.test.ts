import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { ClockOffset, frameLatencyMs } from './clock';

describe('ClockOffset', () => {
  it('computes offset = server − (t0 + t1) / 2', () => {
    const c = new ClockOffset();
    expect(c.add(1000, 1600, 1200)).toEqual({ offsetMs: 500, roundTripMs: 200 });
    expect(c.offsetMs()).toBe(500);
  });

  it('keeps the sample with the shortest round trip among the last few', () => {
    const c = new ClockOffset(3);
    c.add(0, 150, 100); // rtt 100, offset 100
    c.add(0, 900, 1000); // rtt 1000, offset 400
    c.add(0, 60, 20); // rtt 20, offset 50
    expect(c.best()).toEqual({ offsetMs: 50, roundTripMs: 20 });
    c.add(0, 0, 500);
    c.add(0, 0, 500);
    c.add(0, 0, 400); // the 20 ms sample aged out
    expect(c.best()?.roundTripMs).toBe(400);
    expect(c.count()).toBe(3);
  });

  it('refuses unusable samples and is 0 before any', () => {
    const c = new ClockOffset();
    expect(c.offsetMs()).toBe(0);
    expect(c.add(100, 50, 90)).toBeNull(); // answer before the question
    expect(c.add(0, NaN, 10)).toBeNull();
    expect(c.best()).toBeNull();
  });

  it('latency uses the server clock', () => {
    expect(frameLatencyMs(10_000, 9_000, 1_050)).toBe(50);
    expect(frameLatencyMs(10_000, 10_080, 0)).toBe(80);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap', () => {
    const policy = { baseMs: 100, capMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 100].map((n) => backoffDelay(n, 0.3, policy))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('jitters within [d·(1−j), d]', () => {
    const policy = { baseMs: 1000, capMs: 10_000, jitter: 0.5 };
    expect(backoffDelay(1, 0, policy)).toBe(500);
    expect(backoffDelay(1, 0.999999, policy)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(3, Math.random(), policy);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it('stays finite for absurd attempts and treats attempt < 1 as the first', () => {
    expect(backoffDelay(1e9, 1, { baseMs: 500, capMs: 15_000, jitter: 0 })).toBe(15_000);
    expect(backoffDelay(0, 1, { baseMs: 500, capMs: 15_000, jitter: 0 })).toBe(500);
  });
});
