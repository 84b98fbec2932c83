import { describe, expect, it } from 'vitest';
import { krippendorffAlphaInterval } from '../src/scoring/agreement.js';

describe("Krippendorff's alpha (interval)", () => {
  it('reproduces the published example with four coders and missing values (α = 0.849)', () => {
    // Krippendorff's reliability-data example: 4 coders × 12 units, '.' = no value.
    const byCoder = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = byCoder[0]!.map((_, u) => byCoder.map((coder) => coder[u]!));
    const result = krippendorffAlphaInterval(units);
    expect(result.alpha).toBeCloseTo(0.849, 3);
    expect(result.units).toBe(11); // unit 12 has a single value
  });

  it('is 1 for perfect agreement with variation, and below 0 for systematic disagreement', () => {
    expect(krippendorffAlphaInterval([[0, 0], [2, 2], [1, 1]]).alpha).toBe(1);
    expect(krippendorffAlphaInterval([[0, 2], [2, 0], [0, 2], [2, 0]]).alpha!).toBeLessThan(0);
  });

  it('cannot be computed without variation or without pairs', () => {
    expect(krippendorffAlphaInterval([[0, 0], [0, 0]]).alpha).toBeNull();
    expect(krippendorffAlphaInterval([[1, null], [null, 2]]).alpha).toBeNull();
  });
});
