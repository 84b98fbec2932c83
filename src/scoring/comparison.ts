/** Where two reviews of one case file disagree: items, vetoes, score and grade. Pure. */
import type { ScoreResult } from './score.js';

export interface ItemDifference {
  id: string;
  number: string;
  title: string;
  deductions: [number | null, number | null];
  difference: number;
}

export interface ScoreComparison {
  totals: [number, number];
  scoreDifference: number;
  grades: [{ code: string; label: string }, { code: string; label: string }];
  gradeMismatch: boolean;
  items: ItemDifference[];
  vetoes: { id: string; in: [boolean, boolean] }[];
}

export function compareScores(a: ScoreResult, b: ScoreResult): ScoreComparison {
  const items: ItemDifference[] = [];
  const bItems = new Map(b.items.map((i) => [i.id, i]));
  for (const ia of a.items) {
    const ib = bItems.get(ia.id);
    const da = ia.applicable ? ia.deduction : null;
    const db = ib?.applicable ? ib.deduction : null;
    if (da === db) continue;
    items.push({ id: ia.id, number: ia.number, title: ia.title, deductions: [da, db], difference: Math.round(((da ?? 0) - (db ?? 0)) * 100) / 100 });
  }
  const vetoIds = [...new Set([...a.vetoes, ...b.vetoes].map((v) => v.id))];
  return {
    totals: [a.total, b.total],
    scoreDifference: Math.round(Math.abs(a.total - b.total) * 100) / 100,
    grades: [a.grade, b.grade],
    gradeMismatch: a.grade.code !== b.grade.code,
    items,
    vetoes: vetoIds.filter((id) => a.vetoes.some((v) => v.id === id) !== b.vetoes.some((v) => v.id === id)).map((id) => ({ id, in: [a.vetoes.some((v) => v.id === id), b.vetoes.some((v) => v.id === id)] })),
  };
}
