/**
 * Scoring speed: synthetic case files scored with the pure engine against every shipped
 * scheme, at several sizes, so growth worse than linear shows. The reference is the same
 * loop doing everything but scoring (building the inputs), measured in the same run.
 */
import { caseFactsFrom } from '../src/scoring/case-facts.js';
import { scoreCase, type ScoringFinding } from '../src/scoring/score.js';
import type { Scheme } from '../src/scoring/scheme.js';
import { loadSchemeFiles } from '../src/scoring/scheme-files.js';
import { random } from './random.js';

export interface ScoringFigure {
  files: number;
  ms: number;
  referenceMs: number;
  perSecond: number;
}

function syntheticInputs(scheme: Scheme, n: number, seed: number) {
  const next = random(seed);
  const items = scheme.sections.flatMap((s) => s.items.map((i) => ({ item: i, role: s.role })));
  return Array.from({ length: n }, (_, k) => {
    const findings: ScoringFinding[] = [];
    const count = Math.floor(next() * 6);
    for (let f = 0; f < count; f++) {
      const { item } = items[Math.floor(next() * items.length)]!;
      const rule = item.deduction;
      const points = rule.kind === 'range' ? rule.min : undefined;
      findings.push({ id: `f${k}-${f}`, target: { kind: 'item', id: item.id }, points, occurrences: 1, status: 'confirmed' });
    }
    if (next() < 0.03 && scheme.vetoes.length > 0) findings.push({ id: `v${k}`, target: { kind: 'veto', id: scheme.vetoes[0]!.id }, occurrences: 1, status: 'confirmed' });
    const facts = caseFactsFrom({
      caseType: scheme.caseTypes[0]!,
      party: { name: '某公司', kind: 'organization' },
      flags: { majorDecision: next() < 0.1, hearingHeld: next() < 0.2, legalReview: false, collectiveDiscussion: false },
      amounts: { fine: Math.floor(next() * 100000) },
    });
    return { facts, findings };
  });
}

export function benchScoring(sizes: readonly number[]): ScoringFigure[] {
  const schemes = loadSchemeFiles().schemes.map((s) => s.scheme);
  const figures: ScoringFigure[] = [];
  for (const n of sizes) {
    const per = Math.ceil(n / schemes.length);
    let ms = 0;
    let referenceMs = 0;
    let scored = 0;
    for (const [i, scheme] of schemes.entries()) {
      const t0 = performance.now();
      const inputs = syntheticInputs(scheme, per, 1000 + i);
      const t1 = performance.now();
      let sink = 0;
      for (const input of inputs) sink += scoreCase(scheme, input.facts, input.findings).total;
      const t2 = performance.now();
      if (sink < 0) console.log(sink); // keep the work observable
      referenceMs += t1 - t0;
      ms += t2 - t1;
      scored += inputs.length;
    }
    figures.push({ files: scored, ms: Math.round(ms), referenceMs: Math.round(referenceMs), perSecond: Math.round((scored / ms) * 1000) });
  }
  return figures;
}
