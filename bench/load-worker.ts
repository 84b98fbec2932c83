/**
 * Runs autocannon in its own thread, so that the client's work does not share the event
 * loop of the server being measured: a warm-up run (discarded), then the measured run.
 * Started by bench/load.ts with the options as workerData; posts a LoadFigure back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadOptions, LoadFigure } from './load.js';

const o = workerData as LoadOptions;
const options = { url: o.url, connections: o.connections, headers: o.headers };
if (o.warmupSeconds > 0) await autocannon({ ...options, duration: o.warmupSeconds });
// Outside the main thread autocannon returns its raw (encoded) histograms: aggregate them.
const raw: unknown = await autocannon({ ...options, duration: o.seconds });
const r = autocannon.aggregateResult([raw], { ...options, duration: o.seconds });
const figure: LoadFigure = {
  p50: r.latency.p50,
  p90: r.latency.p90,
  p99: r.latency.p99,
  max: r.latency.max,
  mean: Math.round(r.latency.mean * 100) / 100,
  // requests.average is not filled in by aggregateResult: completed requests over the run's duration.
  rps: Math.round(r.requests.total / (r.duration || o.seconds)),
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
};
parentPort!.postMessage(figure);
