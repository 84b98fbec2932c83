/**
 * Every route declares a policy in its `config.policy`: which roles may call it, and which
 * record its `:id` parameter names, so access to that record is checked before the handler
 * runs. A route without a policy answers nobody (see authorization plugin).
 */
import type { Role } from './principal.js';

/** The kinds of record a route's `:id` can name; each has its own visibility rule (access.ts). */
export type ScopedResource = 'agency' | 'campaign' | 'caseFile' | 'document' | 'file' | 'job' | 'user' | 'token' | 'review' | 'rectificationItem';

export interface RoutePolicy {
  /** 'public' for routes anyone may call (health, docs); otherwise the roles allowed. */
  allow: 'public' | readonly Role[];
  /** The record named by `:id`: callers who may not see it get 404, as if it did not exist. */
  resource?: ScopedResource;
  /** A short note on how lists or bodies are scoped, for the documentation. */
  scoping?: string;
  /**
   * What a reviewer must be, beyond seeing the record, for this route: the chief reviewer
   * (组长) of the record's campaign, or the reviewer who owns the review. Else 403.
   */
  reviewerMust?: 'be_chief' | 'own_review';
}

export interface PolicyConfig {
  policy: RoutePolicy;
}

export const ALL_ROLES: readonly Role[] = ['admin', 'reviewer', 'agency'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** Helper for route options: `config: policy({ allow: ['admin'] })`. */
export function policy(p: RoutePolicy): PolicyConfig {
  return { policy: p };
}
