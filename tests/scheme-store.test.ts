/**
 * Loading schemes at start: a broken file is reported and left out while the others load;
 * a shipped version that has scored something cannot be changed by editing its file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, seedAgencyAndCampaign, validCaseFile } from './helpers/app.js';
import { testScheme } from './fixtures/test-scheme.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-schemes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) => fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

describe('scheme files at start', () => {
  it('loads the good files, reports the bad ones with paths, and keeps a used version as it was scored', async () => {
    write('good.json', testScheme);
    write('not-json.json', '{ "id": ');
    write('bad-sum.json', { ...testScheme, id: 'bad-sum', sections: [{ ...testScheme.sections[0], points: 11 }, testScheme.sections[1]] });
    write('bad-bands.json', { ...testScheme, id: 'bad-bands', grades: [{ code: 'a', label: '优', min: 80 }, { code: 'b', label: '差', min: 0, max: 70 }] });
    write('bad-rule.json', { ...testScheme, id: 'bad-rule', vetoes: [{ id: 'V1', number: '1', category: 'law', title: '未知规则', effect: { kind: 'zero_section', section: 'nowhere' }, machineRules: ['no.such.rule'] }] });

    const first = await buildTestApp({ schemesDir: dir });
    try {
      const list = (await first.inject({ method: 'GET', url: '/api/v1/schemes' })).json();
      expect(list.items.map((s: { id: string }) => s.id)).toEqual(['test-scheme']);
      const failures = Object.fromEntries(list.failures.map((f: { file: string; issues: { path: string; message: string }[] }) => [f.file, f.issues]));
      expect(Object.keys(failures).sort()).toEqual(['bad-bands.json', 'bad-rule.json', 'bad-sum.json', 'not-json.json']);
      expect(failures['bad-sum.json']).toContainEqual(expect.objectContaining({ path: 'sections[0].points' }));
      expect(failures['bad-bands.json']).toContainEqual(expect.objectContaining({ path: 'grades[1].max', message: expect.stringContaining('空档') }));
      expect(failures['bad-rule.json'].map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['vetoes[0].effect.section', 'vetoes[0].machineRules[0]']));

      // Score something with it: the version becomes immutable.
      const ids = await seedAgencyAndCampaign(first);
      const caseFile = (await first.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids) })).json();
      const reviewer = (await first.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '评查员', role: 'reviewer' } })).json();
      await first.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaignId}/reviewers/${reviewer.user.id}`, payload: {} });
      const assigned = await first.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile.id}/reviews`, payload: { reviewerIds: [reviewer.user.id], schemeId: 'test-scheme' } });
      expect(assigned.statusCode).toBe(201);
    } finally {
      await first.app.close();
    }

    // Someone edits the shipped file without changing its version, and the service restarts on the same data.
    write('good.json', { ...testScheme, title: '被悄悄改过的标准' });
    const second = await buildTestApp({ schemesDir: dir, dataDir: first.dataDir, databasePath: first.config.databasePath });
    try {
      const scheme = (await second.inject({ method: 'GET', url: '/api/v1/schemes/test-scheme' })).json();
      expect(scheme.scheme.title).toBe('测试用评查标准');
      const list = (await second.inject({ method: 'GET', url: '/api/v1/schemes' })).json();
      expect(list.failures).toContainEqual({ file: 'good.json', issues: [expect.objectContaining({ path: 'version', message: expect.stringContaining('已用于评分') })] });
    } finally {
      await second.close();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
