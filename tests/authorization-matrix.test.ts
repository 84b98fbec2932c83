/**
 * Every registered route, called as every kind of caller, answers as its policy says:
 * anonymous → 401 (unless public), a role the policy does not allow → 403, a record the
 * caller may not see → 404, otherwise the request gets through to validation or the handler.
 * What each caller may see is written down here from the world's relations, independently
 * of the app's own access code. A route registered without a policy fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { RegisteredRoute } from '../src/auth/authorization-plugin.js';
import type { ScopedResource } from '../src/auth/policy.js';
import { buildTestApp, type TestApp } from './helpers/app.js';
import { buildWorld, type Persona, type PersonaName, type World } from './helpers/world.js';

let t: TestApp;
let world: World;
beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

type Outcome = 'allowed' | 401 | 403 | 404;

/** Which records each caller may see, from how the world was built. */
const VISIBLE: Record<Exclude<PersonaName, 'anonymous'>, Record<ScopedResource, boolean>> = {
  // F belongs to agency A in campaign C. The `:id` of user routes is reviewerOn; the token is agencyOwner's;
  // the review of F is reviewerOn's, and no one in the world is a chief reviewer. The rectification item was issued
  // to A from F: seen like F (reviewerOwn, of agency A, is recused from it).
  admin: { agency: true, campaign: true, caseFile: true, document: true, file: true, job: true, user: true, token: true, review: true, rectificationItem: true },
  reviewerOn: { agency: true, campaign: true, caseFile: true, document: true, file: true, job: true, user: true, token: false, review: true, rectificationItem: true },
  reviewerOff: { agency: true, campaign: false, caseFile: false, document: false, file: false, job: false, user: false, token: false, review: false, rectificationItem: false },
  reviewerOwn: { agency: true, campaign: true, caseFile: false, document: false, file: false, job: false, user: false, token: false, review: false, rectificationItem: false },
  agencyOwner: { agency: true, campaign: true, caseFile: true, document: true, file: true, job: true, user: false, token: true, review: false, rectificationItem: true },
  agencyOther: { agency: false, campaign: false, caseFile: false, document: false, file: false, job: false, user: false, token: false, review: false, rectificationItem: false },
};

/** Who is the chief reviewer of campaign C (none), and who owns the review of F. */
const CHIEF: ReadonlySet<PersonaName> = new Set();
const REVIEW_OWNER: PersonaName = 'reviewerOn';

function expectedOutcome(route: RegisteredRoute, persona: Persona): Outcome {
  const policy = route.policy!;
  if (policy.allow === 'public') return 'allowed';
  if (persona.role === null) return 401;
  if (!policy.allow.includes(persona.role)) return 403;
  if (policy.resource && !VISIBLE[persona.name as Exclude<PersonaName, 'anonymous'>][policy.resource]) return 404;
  if (persona.role === 'reviewer' && policy.reviewerMust === 'be_chief' && !CHIEF.has(persona.name)) return 403;
  if (persona.role === 'reviewer' && policy.reviewerMust === 'own_review' && persona.name !== REVIEW_OWNER) return 403;
  return 'allowed';
}

function concreteUrl(route: RegisteredRoute): string {
  const ids: Record<ScopedResource, string> = {
    agency: world.agencyA,
    campaign: world.campaign,
    caseFile: world.caseFile,
    document: world.document,
    file: world.file,
    job: world.job,
    user: route.method === 'DELETE' ? world.victimUser : world.personas.reviewerOn.userId!,
    token: world.spareToken,
    review: world.review,
    rectificationItem: world.rectificationItem,
  };
  return route.url
    .replace(':id', route.policy?.resource ? ids[route.policy.resource] : 'x')
    .replace(':userId', world.spareReviewer)
    .replace(':agencyId', world.spareAgency)
    .replace(':findingId', world.finding)
    .replace(':targetId', world.markedItem)
    .replace(':schemeId', world.schemeId)
    .replace(':caseType', 'penalty_general')
    .replace(':year', '2025')
    .replace('*', 'index.html');
}

/** Personas with the least access first; admin last, so that what it is allowed to do cannot change what the others see. */
const ORDER: PersonaName[] = ['anonymous', 'reviewerOff', 'agencyOther', 'reviewerOwn', 'agencyOwner', 'reviewerOn', 'admin'];

export function routesWithoutPolicy(registry: readonly RegisteredRoute[]): string[] {
  return registry.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
}

describe('authorization matrix', () => {
  it('every registered route declares a policy', () => {
    expect(t.app.routeRegistry.length).toBeGreaterThan(30);
    expect(routesWithoutPolicy(t.app.routeRegistry)).toEqual([]);
  });

  it('every route answers every caller as its policy says', async () => {
    // Deletions last: they remove records that exist only to be removed.
    const routes = [...t.app.routeRegistry].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const mismatches: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const url = concreteUrl(route);
      for (const name of ORDER) {
        const persona = world.personas[name];
        const expected = expectedOutcome(route, persona);
        // A body no route accepts: allowed callers get a validation error, so nothing changes.
        const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : { __matrix__: true };
        const res = await t.injectAs(persona.token, { method: route.method as 'GET', url, ...(payload && { payload }) });
        calls++;
        const got = res.statusCode;
        const ok =
          expected === 'allowed'
            ? ![401, 403, 404].includes(got) && got < 500
            : got === expected && res.json().error.code === { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[expected];
        if (!ok) mismatches.push(`${route.method} ${route.url} as ${name}: expected ${expected}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBe(routes.length * ORDER.length);
  }, 120_000);

  it('a route registered without a policy is caught by the check and answers nobody', async () => {
    const app = await buildApp(t.config, { logger: false, runJobs: false });
    app.get('/api/v1/forgotten', async () => ({ secret: true }));
    await app.ready();
    try {
      expect(routesWithoutPolicy(app.routeRegistry)).toEqual(['GET /api/v1/forgotten']);
      const res = await app.inject({ method: 'GET', url: '/api/v1/forgotten', headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    } finally {
      await app.close();
    }
  });
});
