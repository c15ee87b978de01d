// The offset between the server's clock and this browser's, measured NTP-style with ping/pong:
// the client sends its time t0, the server answers with its time ts, the answer arrives at t1.
// Assuming the two legs take equally long, the server read its clock at (t0 + t1) / 2 of ours, so
//   offset = ts − (t0 + t1) / 2,   error ≤ (t1 − t0) / 2.
// The sample with the shortest round trip has the smallest error bound: keep the best of the last
// few (old ones age out, so a clock that is stepped or drifts is followed).

export interface ClockSample {
  offsetMs: number;
  roundTripMs: number;
}

export class ClockOffset {
  private readonly samples: ClockSample[] = [];

  constructor(private readonly keep = 8) {}

  /**
   * @param sentAt t0, client clock (ms since the epoch) when the ping was sent
   * @param serverTime ts, server clock from the pong
   * @param receivedAt t1, client clock when the pong arrived
   * @returns the sample, or null when the values are unusable (a clock went backwards, NaN)
   */
  add(sentAt: number, serverTime: number, receivedAt: number): ClockSample | null {
    if (![sentAt, serverTime, receivedAt].every(Number.isFinite) || receivedAt < sentAt) {
      return null;
    }
    const sample = { offsetMs: serverTime - (sentAt + receivedAt) / 2, roundTripMs: receivedAt - sentAt };
    this.samples.push(sample);
    if (this.samples.length > this.keep) {
      this.samples.shift();
    }
    return sample;
  }

  /** The kept sample with the shortest round trip, or null before the first pong. */
  best(): ClockSample | null {
    let best: ClockSample | null = null;
    for (const s of this.samples) {
      if (best === null || s.roundTripMs < best.roundTripMs) {
        best = s;
      }
    }
    return best;
  }

  /** Server clock minus client clock, ms; 0 until measured (same machine or synced clocks). */
  offsetMs(): number {
    return this.best()?.offsetMs ?? 0;
  }

  count(): number {
    return this.samples.length;
  }

  clear(): void {
    this.samples.length = 0;
  }
}

/**
 * End-to-end latency of a frame: how long ago, on the server's clock, its packet reached the
 * server. now + offset is "now" on the server's clock.
 */
export function frameLatencyMs(captureMs: number, nowMs: number, offsetMs: number): number {
  return nowMs + offsetMs - captureMs;
}
