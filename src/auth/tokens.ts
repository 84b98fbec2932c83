/**
 * API tokens: 32 random bytes, shown to the user once as `pc_<base64url>`; only their
 * sha256 is stored, so a leaked database does not leak working tokens.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'pc_';
const TOKEN_BYTES = 32;
/** pc_ followed by 43 base64url characters. */
const TOKEN_SHAPE = /^pc_[A-Za-z0-9_-]{43}$/;

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** What is shown to identify a token without revealing it: `pc_AbCd…`. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}
