import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, seedAgencyAndCampaign, validCaseFile, type TestApp } from './helpers/app.js';

let t: TestApp;
let ids: { agencyId: string; campaignId: string };
beforeAll(async () => {
  t = await buildTestApp();
  ids = await seedAgencyAndCampaign(t);
});
afterAll(() => t.close());

const create = (payload: object) => t.inject({ method: 'POST', url: '/api/v1/case-files', payload });
const countCaseFiles = async () => (await t.inject({ method: 'GET', url: '/api/v1/case-files?limit=500' })).json().total as number;

describe('case files', () => {
  it('creates a case file and returns it with its documents, files and jobs', async () => {
    const res = await create(validCaseFile(ids));
    expect(res.statusCode).toBe(201);
    const caseFile = res.json();
    expect(caseFile).toMatchObject({
      caseNumber: '沪徐市监处罚〔2024〕0312号',
      caseType: 'penalty_general',
      caseTypeLabel: '行政处罚-普通程序',
      amounts: { fine: 12000, confiscation: 870.5 },
      flags: { hearingHeld: false, majorDecision: false, legalReview: false, collectiveDiscussion: false },
      dates: { filedOn: '2024-03-01', decidedOn: '2024-04-25' },
    });
    expect(caseFile.officers).toHaveLength(2);
    const got = await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFile.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: caseFile.id, documents: [], files: [], jobs: [] });
  });

  it('refuses a duplicate case number in one campaign (409), spacing and widths aside, but allows it in another', async () => {
    const first = await create(validCaseFile(ids, { caseNumber: '鄂0105环罚决字〔2023〕17号' }));
    expect(first.statusCode).toBe(201);
    const again = await create(validCaseFile(ids, { caseNumber: '鄂 ０１０５ 环罚决字〔2023〕17 号' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'duplicate_case_number', details: [{ path: 'body.caseNumber', existingCaseFileId: first.json().id }] });
    const other = await seedAgencyAndCampaign(t);
    expect((await create(validCaseFile(other, { caseNumber: '鄂0105环罚决字〔2023〕17号' }))).statusCode).toBe(201);
  });

  it.each([
    ['an unknown case type', { caseType: '行政处罚' }, 'body.caseType'],
    ['a credit code with a wrong check digit', { party: { name: '某公司', kind: 'organization', creditCode: '91310104MA1FL0XX5Q' } }, 'body.party.creditCode'],
    ['an ID number with a wrong check digit', { party: { name: '王某', kind: 'person', idNumber: '110101199003070000' } }, 'body.party.idNumber'],
    ['a decision before the filing', { dates: { filedOn: '2024-05-01', decidedOn: '2024-04-25' } }, 'body.dates.decidedOn'],
    ['service before the decision', { dates: { decidedOn: '2024-04-25', servedOn: '2024-04-20' } }, 'body.dates.servedOn'],
    ['a date that does not exist', { dates: { filedOn: '2023-02-30' } }, 'body.dates.filedOn'],
    ['a negative fine', { amounts: { fine: -200 } }, 'body.amounts.fine'],
    ['an amount below one fen', { amounts: { fine: 10.005 } }, 'body.amounts.fine'],
    ['a case number without a year', { caseNumber: '沪徐市监处罚0312号' }, 'body.caseNumber'],
    ['an officer without a certificate number', { officers: [{ name: '张某', certificateNumber: '' }] }, 'body.officers[0].certificateNumber'],
    ['an organisation without a credit code', { party: { name: '某公司', kind: 'organization' } }, 'body.party.creditCode'],
    ['an unknown field', { colour: 'red' }, 'body'],
  ])('rejects %s with 400 and the field path', async (_name, override, path) => {
    const before = await countCaseFiles();
    const res = await create(validCaseFile(ids, { caseNumber: `测罚〔2024〕${Math.floor(Math.random() * 1e6)}号`, ...override }));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toEqual(expect.any(String));
    expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countCaseFiles()).toBe(before);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/case-files', headers: { 'content-type': 'application/json' }, payload: '{"caseNumber": "沪〔2024〕1号",' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('treats an empty JSON body as a missing body (400 validation_failed, not a parse error)', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/case-files', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('answers 404 naming the field for an unknown campaign or agency', async () => {
    const res = await create(validCaseFile({ ...ids, campaignId: 'missing' }, { caseNumber: '测罚〔2024〕404号' }));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details[0].path).toBe('body.campaignId');
    const agency = await create(validCaseFile({ ...ids, agencyId: 'missing' }, { caseNumber: '测罚〔2024〕405号' }));
    expect(agency.json().error.details[0].path).toBe('body.agencyId');
    expect((await t.inject({ method: 'GET', url: '/api/v1/case-files/missing' })).statusCode).toBe(404);
  });

  it('lists with filters and pagination', async () => {
    const mine = await seedAgencyAndCampaign(t);
    for (let i = 1; i <= 5; i++) {
      const caseType = i <= 3 ? 'penalty_general' : 'license';
      const res = await create(validCaseFile(mine, { caseNumber: `杭西市监处罚〔2025〕${i}号`, caseType, party: { name: `被查单位${i}`, kind: 'person' } }));
      expect(res.statusCode).toBe(201);
    }
    const base = `/api/v1/case-files?campaignId=${mine.campaignId}`;
    const all = (await t.inject({ method: 'GET', url: base })).json();
    expect(all.total).toBe(5);
    const licences = (await t.inject({ method: 'GET', url: `${base}&caseType=license` })).json();
    expect(licences.items.map((c: { caseType: string }) => c.caseType)).toEqual(['license', 'license']);
    const search = (await t.inject({ method: 'GET', url: `${base}&q=${encodeURIComponent('被查单位3')}` })).json();
    expect(search.items.map((c: { party: { name: string } }) => c.party.name)).toEqual(['被查单位3']);
    const pages = [0, 2, 4].map((offset) => t.inject({ method: 'GET', url: `${base}&limit=2&offset=${offset}` }));
    const ids = (await Promise.all(pages)).flatMap((r) => r.json().items.map((c: { id: string }) => c.id));
    expect(new Set(ids).size).toBe(5);
    const badType = await t.inject({ method: 'GET', url: `${base}&caseType=unknown` });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details[0].path).toBe('query.caseType');
  });
});
