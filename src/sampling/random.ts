/**
 * A seeded pseudo-random generator for reproducible draws (抽查). Pure: the same seed string
 * gives the same sequence on every machine and every Node version, so anyone holding the seed
 * and the register can redo a draw and check it.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * 32-bit output), its state taken from the first 16 bytes of sha256(UTF-8 seed) and warmed up
 * by discarding the first 16 outputs. Not for secrets — only for fair, repeatable shuffles.
 * Integers below n are drawn by rejection (no modulo bias); shuffles are Fisher–Yates.
 */
import { createHash } from 'node:crypto';

export interface Random {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform integer in [0, n), n ≥ 1 and < 2^32. */
  int(n: number): number;
}

export function createRandom(seed: string): Random {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);

  function nextUint32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }

  for (let i = 0; i < 16; i++) nextUint32();

  return {
    nextUint32,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) throw new RangeError(`int(n): n must be an integer in [1, 2^32), got ${n}`);
      // Reject the top partial block so every value is equally likely.
      const limit = 0x100000000 - (0x100000000 % n);
      for (;;) {
        const x = nextUint32();
        if (x < limit) return x % n;
      }
    },
  };
}

/** A new array with the items in a random order (Fisher–Yates, from the last position down). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

/**
 * A generator derived from a seed and a label, so that independent parts of a draw (one
 * agency's stratum, the reviewer assignment) each get their own stream and do not shift
 * when another part changes. The parts are joined with U+001F, which no seed or id contains.
 */
export const derivedRandom = (seed: string, ...labels: string[]): Random => createRandom([seed, ...labels].join('\u001f'));

/** Plain code-unit comparison of strings: unlike localeCompare, the same everywhere. */
export const compareStrings = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
