/**
 * The extraction threads run at a lower priority than the rest of the process, so that a busy
 * ingest queue does not starve the API's thread (src/ingest/extractor-pool.ts). On Linux, where
 * each thread has its own nice value, that is visible in /proc; elsewhere nothing is reniced
 * (a nice value there is per process and would slow the API too).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExtractorPool } from '../src/ingest/extractor-pool.js';
import { textPdf } from './helpers/pdf-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-priority-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Each thread's nice value, from /proc (Linux). */
function threadNiceValues(): Map<string, number> {
  const values = new Map<string, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    values.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}

describe('extraction thread priority', () => {
  it('lowers the extraction threads by the configured increment, and nothing else', async () => {
    const file = path.join(dir, 'volume.pdf');
    fs.writeFileSync(file, textPdf([['行政处罚决定书', '滨市监处罚〔2024〕126号']], { font: 'cid' }));
    const base = os.getPriority();
    const before = process.platform === 'linux' ? threadNiceValues() : new Map<string, number>();
    const pool = createExtractorPool({ workers: 1, timeoutMs: 60_000, niceIncrement: 7 });
    try {
      expect((await pool.probe(file)).ok).toBe(true);
      expect((await pool.extract(file)).ok).toBe(true);
      expect(os.getPriority()).toBe(base);
      if (process.platform === 'linux') {
        const started = [...threadNiceValues()].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
        // Started since: the probe thread and the extraction thread. Only the latter is lowered.
        expect(started.filter((nice) => nice === Math.min(19, base + 7))).toHaveLength(1);
        expect(started.filter((nice) => nice !== Math.min(19, base + 7)).every((nice) => nice === base)).toBe(true);
        expect(threadNiceValues().get(String(process.pid))).toBe(base);
      }
    } finally {
      await pool.close();
    }
  });
});
