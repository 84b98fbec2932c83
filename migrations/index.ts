/**
 * Every migration, listed statically so they survive compilation and bundling unchanged.
 * Names sort in the order they run. A migration is frozen once released: change the schema
 * with a new one.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001-intake.js';
import * as m0002 from './0002-accounts-audit.js';
import * as m0003 from './0003-schemes-reviews.js';
import * as m0004 from './0004-prechecks.js';
import * as m0005 from './0005-registers-sampling.js';
import * as m0006 from './0006-rectification.js';
import * as m0007 from './0007-list-indexes.js';
import * as m0008 from './0008-result-summaries.js';
import * as m0009 from './0009-register-staging.js';
import * as m0010 from './0010-register-staging-in-memory.js';

export const migrations: Record<string, Migration> = {
  '0001-intake': m0001,
  '0002-accounts-audit': m0002,
  '0003-schemes-reviews': m0003,
  '0004-prechecks': m0004,
  '0005-registers-sampling': m0005,
  '0006-rectification': m0006,
  '0007-list-indexes': m0007,
  '0008-result-summaries': m0008,
  '0009-register-staging': m0009,
  '0010-register-staging-in-memory': m0010,
};
