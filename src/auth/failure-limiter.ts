/**
 * Counts failed authentications per client address in fixed windows; once a client has
 * failed `limit` times in the current window it is refused until the window ends, so
 * tokens cannot be guessed at speed. In memory: one process, as the embedded setup runs.
 */
export interface FailureLimiter {
  /** Seconds until the client may try again, or 0 when it may try now. */
  blockedFor(client: string, now?: number): number;
  recordFailure(client: string, now?: number): void;
}

export function createFailureLimiter(options: { limit: number; windowMs: number }): FailureLimiter {
  const windows = new Map<string, { start: number; failures: number }>();

  function current(client: string, now: number) {
    const w = windows.get(client);
    if (!w || now - w.start >= options.windowMs) return undefined;
    return w;
  }

  return {
    blockedFor(client, now = Date.now()) {
      const w = current(client, now);
      return w && w.failures >= options.limit ? Math.ceil((w.start + options.windowMs - now) / 1000) : 0;
    },
    recordFailure(client, now = Date.now()) {
      const w = current(client, now);
      if (w) w.failures++;
      else {
        // Forget expired windows now and then, so the map does not grow without bound.
        if (windows.size > 10_000) for (const [key, value] of windows) if (now - value.start >= options.windowMs) windows.delete(key);
        windows.set(client, { start: now, failures: 1 });
      }
    },
  };
}
