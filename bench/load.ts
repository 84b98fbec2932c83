/** autocannon against a URL from a worker thread (bench/load-worker.ts), bounded by its duration. */
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  headers?: Record<string, string>;
}

/** Latencies in ms (autocannon's histogram), requests per second averaged over the run. */
export interface LoadFigure {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function runLoad(options: LoadOptions): Promise<LoadFigure> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: options });
  const limitMs = (options.warmupSeconds + options.seconds + 30) * 1000;
  return new Promise<LoadFigure>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`autocannon did not finish within ${limitMs} ms`));
    }, limitMs);
    worker.once('message', (figure: LoadFigure) => {
      clearTimeout(timer);
      resolve(figure);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`autocannon worker exited with code ${code}`));
    });
  });
}

/**
 * Samples the process's RSS every `intervalMs` from a worker thread (RSS is per process, and a
 * worker keeps sampling while the main thread is busy). stop() resolves to the peak in bytes.
 */
export function sampleRss(intervalMs = 20): { stop(): Promise<number> } {
  const code = `
    const { parentPort } = require('node:worker_threads');
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, ${intervalMs});
    parentPort.on('message', () => { clearInterval(timer); peak = Math.max(peak, process.memoryUsage.rss()); parentPort.postMessage(peak); });
  `;
  const worker = new Worker(code, { eval: true });
  let local = process.memoryUsage.rss();
  const timer = setInterval(() => (local = Math.max(local, process.memoryUsage.rss())), intervalMs);
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        clearInterval(timer);
        local = Math.max(local, process.memoryUsage.rss());
        const fallback = setTimeout(() => resolve(local), 2000);
        worker.once('message', (peak: number) => {
          clearTimeout(fallback);
          resolve(Math.max(peak, local));
          void worker.terminate();
        });
        worker.postMessage('stop');
      }),
  };
}
