/**
 * The schemes the running service scores with. At start the shipped files in
 * scoring-schemes/ are synchronised into the database: a new version is added; a changed
 * file under a version that has already scored something is refused (that version stays as
 * it was scored — change the version to change the scheme); every stored version stays
 * available, so old scores can always be recomputed. Uploads through the API follow the
 * same rules.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CaseType } from '../domain/case-file.js';
import type { Database } from '../db/schema.js';
import { findCampaignScheme, isSchemeVersionUsed, listStoredSchemes, upsertStoredScheme } from '../repositories/schemes.js';
import type { Scheme } from './scheme.js';
import { schemeHash } from './scheme-hash.js';
import { loadSchemeFiles, type SchemeLoadFailure } from './scheme-files.js';
import { parseScheme } from './validate.js';

export interface ActiveScheme {
  scheme: Scheme;
  hash: string;
  origin: 'shipped' | 'uploaded';
}

export type SchemePutOutcome = { status: 'created' | 'replaced' | 'unchanged'; active: ActiveScheme } | { status: 'conflict'; message: string };

/** The shipped scheme used for a case type when a campaign names none (also offline: CLI, eval). */
export const DEFAULT_SCHEME_FOR: Readonly<Partial<Record<CaseType, string>>> = {
  penalty_general: 'penalty-general',
  license: 'license-general',
  coercion: 'coercion-seizure',
};

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export class SchemeStore {
  private readonly byKey = new Map<string, ActiveScheme>();
  /** Files that could not be loaded at start, with why. */
  readonly failures: SchemeLoadFailure[] = [];

  private constructor(private readonly db: Kysely<Database>) {}

  static async open(db: Kysely<Database>, dir: string | undefined, log: FastifyBaseLogger): Promise<SchemeStore> {
    const store = new SchemeStore(db);
    const files = loadSchemeFiles(dir);
    store.failures.push(...files.failures);
    for (const failure of files.failures) log.error({ file: failure.file, issues: failure.issues.slice(0, 5) }, 'scheme file not loaded');
    for (const loaded of files.schemes) {
      const outcome = await store.put(loaded.scheme, 'shipped');
      if (outcome.status === 'conflict') {
        store.failures.push({ file: loaded.file, issues: [{ path: 'version', message: outcome.message }] });
        log.error({ file: loaded.file }, outcome.message);
      }
    }
    for (const stored of await listStoredSchemes(db)) {
      const parsed = parseScheme(stored.content);
      if (parsed.ok) store.byKey.set(`${stored.id}@${stored.version}`, { scheme: parsed.scheme, hash: stored.hash, origin: stored.origin });
      else log.error({ scheme: `${stored.id}@${stored.version}`, issues: parsed.issues.slice(0, 5) }, 'stored scheme no longer valid');
    }
    return store;
  }

  /** Adds or replaces a version, unless it has scored something and its content differs. */
  async put(scheme: Scheme, origin: ActiveScheme['origin'], db: Kysely<Database> = this.db): Promise<SchemePutOutcome> {
    const hash = schemeHash(scheme);
    const key = `${scheme.id}@${scheme.version}`;
    const existing = this.byKey.get(key) ?? (await this.storedActive(db, scheme.id, scheme.version));
    const active: ActiveScheme = { scheme, hash, origin };
    if (existing && existing.hash === hash) {
      this.byKey.set(key, existing);
      return { status: 'unchanged', active: existing };
    }
    if (existing && (await isSchemeVersionUsed(db, scheme.id, scheme.version))) {
      return { status: 'conflict', message: `评查标准 ${scheme.id} ${scheme.version} 已用于评分，内容不可更改；请提高版本号后再提交` };
    }
    await upsertStoredScheme(db, scheme, hash, origin);
    this.byKey.set(key, active);
    return { status: existing ? 'replaced' : 'created', active };
  }

  private async storedActive(db: Kysely<Database>, id: string, version: string): Promise<ActiveScheme | undefined> {
    const stored = (await listStoredSchemes(db)).find((s) => s.id === id && s.version === version);
    if (!stored) return undefined;
    const parsed = parseScheme(stored.content);
    return parsed.ok ? { scheme: parsed.scheme, hash: stored.hash, origin: stored.origin } : undefined;
  }

  list(): ActiveScheme[] {
    return [...this.byKey.values()].sort((a, b) => a.scheme.id.localeCompare(b.scheme.id) || compareVersions(a.scheme.version, b.scheme.version));
  }

  /** A version, or the latest version when none is given. */
  get(id: string, version?: string): ActiveScheme | undefined {
    if (version) return this.byKey.get(`${id}@${version}`);
    return this.list()
      .filter((s) => s.scheme.id === id)
      .at(-1);
  }

  /** The scheme a campaign set for the case type, else the default for it. */
  async forCampaign(db: Kysely<Database>, campaignId: string, caseType: CaseType): Promise<ActiveScheme | undefined> {
    const configured = await findCampaignScheme(db, campaignId, caseType);
    return configured ? this.get(configured.scheme_id, configured.scheme_version) : this.defaultFor(caseType);
  }

  defaultFor(caseType: CaseType): ActiveScheme | undefined {
    const preferred = DEFAULT_SCHEME_FOR[caseType];
    return (preferred && this.get(preferred)) || this.list().find((s) => s.scheme.caseTypes.includes(caseType));
  }
}
