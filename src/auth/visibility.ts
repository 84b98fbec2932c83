/** The access rules of access.ts as filters for list queries. */
import type { AuthenticatedUser } from './principal.js';

export type CaseFileVisibility =
  | { kind: 'all' }
  | { kind: 'agency'; agencyId: string }
  | { kind: 'reviewer'; userId: string; ownAgencyId: string | null };

export type CampaignVisibility = { kind: 'all' } | { kind: 'reviewer'; userId: string } | { kind: 'agency'; agencyId: string };

/** An agency user without an agency sees nothing; the empty string matches no id. */
const NO_AGENCY = '';

export function caseFileVisibility(user: AuthenticatedUser): CaseFileVisibility {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'agency') return { kind: 'agency', agencyId: user.agencyId ?? NO_AGENCY };
  return { kind: 'reviewer', userId: user.id, ownAgencyId: user.agencyId };
}

export function campaignVisibility(user: AuthenticatedUser): CampaignVisibility {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'agency') return { kind: 'agency', agencyId: user.agencyId ?? NO_AGENCY };
  return { kind: 'reviewer', userId: user.id };
}
