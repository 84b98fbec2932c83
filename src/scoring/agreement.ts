/**
 * How well reviewers agree. Krippendorff's alpha with the interval metric, over any number
 * of coders and with missing values: α = 1 − D_o / D_e, where D_o is the observed
 * disagreement within units and D_e the disagreement expected by chance over all pairable
 * values. Pure.
 */
export interface AlphaResult {
  /** null when there is nothing to judge: fewer than two pairable values, or no variation at all. */
  alpha: number | null;
  /** Units with at least two values. */
  units: number;
  /** Pairable values. */
  values: number;
}

/** `units[u][c]` is coder c's value for unit u, or null when the coder gave none. */
export function krippendorffAlphaInterval(units: readonly (readonly (number | null)[])[]): AlphaResult {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  let observed = 0;
  let pairable = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is number => v !== null && Number.isFinite(v));
    const m = values.length;
    if (m < 2) continue;
    pairable++;
    let within = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) within += (values[i]! - values[j]!) ** 2;
    observed += within / (m - 1);
    n += m;
    for (const v of values) {
      sum += v;
      sumSquares += v * v;
    }
  }
  if (n < 2) return { alpha: null, units: pairable, values: n };
  const dObserved = observed / n;
  // Σ over ordered pairs i≠j of (v_i − v_j)² = 2(n Σv² − (Σv)²).
  const dExpected = (2 * (n * sumSquares - sum * sum)) / (n * (n - 1));
  if (dExpected <= 1e-12) return { alpha: null, units: pairable, values: n };
  return { alpha: 1 - dObserved / dExpected, units: pairable, values: n };
}
