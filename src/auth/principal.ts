/** Who is making a request. */
export const ROLES = {
  admin: '司法局管理员',
  reviewer: '评查人员',
  agency: '执法单位',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as [Role, ...Role[]];

export interface AuthenticatedUser {
  id: string;
  name: string;
  role: Role;
  /** The agency of an agency user; for a reviewer, the agency they work for (recusal), if any. */
  agencyId: string | null;
}

export type Principal = { kind: 'anonymous' } | { kind: 'user'; user: AuthenticatedUser; tokenId: string };

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });
