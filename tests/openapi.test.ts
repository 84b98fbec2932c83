import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('documentation and health', () => {
  it('serves the OpenAPI document at /docs/json with every resource', async () => {
    const res = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/v1/agencies',
        '/api/v1/agencies/import',
        '/api/v1/campaigns/{id}/status',
        '/api/v1/case-files',
        '/api/v1/case-files/{id}',
        '/api/v1/case-files/{id}/documents',
        '/api/v1/documents/{id}',
        '/api/v1/files/{id}/pages',
        '/api/v1/jobs/{id}',
      ]),
    );
    const upload = doc.paths['/api/v1/case-files/{id}/documents'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file.type).toBe('array');
    expect(doc.paths['/api/v1/case-files'].post.requestBody.content['application/json'].schema.properties.caseType.enum).toContain('penalty_general');
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await t.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(res.statusCode);
    const page = res.statusCode === 302 ? await t.inject({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.body).toContain('swagger');
  });

  it('answers /health', async () => {
    const res = await t.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });
});
