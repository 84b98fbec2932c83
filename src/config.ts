/**
 * Configuration, read once from the environment, validated with zod and frozen.
 * buildApp(config) receives it, so tests build apps with their own overrides.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const MiB = 1024 * 1024;

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** SQLite file; ':memory:' for an in-memory database. Defaults to DATA_DIR/pingcha.sqlite. */
  DATABASE_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest single uploaded PDF, in bytes. */
  UPLOAD_MAX_FILE_BYTES: integer(1, 4096 * MiB).default(200 * MiB),
  /** Most PDFs in one upload request. */
  UPLOAD_MAX_FILES: integer(1, 1000).default(50),
  /** Largest JSON request body, in bytes. */
  BODY_LIMIT_BYTES: integer(1024, 100 * MiB).default(2 * MiB),
  /** Extraction worker threads; 0 means one fewer than the cores (at least 1). */
  EXTRACT_WORKERS: integer(0, 64).default(0),
  /** A PDF whose extraction takes longer than this fails its job, in milliseconds. */
  EXTRACT_TIMEOUT_MS: integer(1000, 3_600_000).default(120_000),
  /**
   * How much lower the extraction threads' priority is than the API's (a nice increment,
   * 0–19; 0: the same). Applied on Linux, where priority is per thread.
   */
  EXTRACT_NICE: integer(0, 19).default(10),
  /** Where the shipped scoring schemes are read from at start (default: the project's scoring-schemes/). */
  SCHEMES_DIR: z.string().min(1).optional(),
  /** Failed authentications one client address may make per minute before it is refused. */
  AUTH_FAILURES_PER_MINUTE: integer(1, 100_000).default(20),
  /** Memory for remembered list replies (api/reply-cache.ts), in MiB; 0 turns it off. */
  REPLY_CACHE_MIB: integer(0, 1024).default(16),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly upload: { readonly maxFileBytes: number; readonly maxFiles: number };
  readonly bodyLimitBytes: number;
  readonly extraction: { readonly workers: number; readonly timeoutMs: number; readonly niceIncrement: number };
  readonly auth: { readonly failuresPerMinute: number };
  /** Memory for remembered list replies, in bytes; 0: off. */
  readonly replyCacheBytes: number;
  /** undefined: the project's scoring-schemes/ directory. */
  readonly schemesDir: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** Parses the environment; a bad value throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return freezeConfig({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: e.DATABASE_PATH === ':memory:' ? ':memory:' : path.resolve(e.DATABASE_PATH ?? path.join(dataDir, 'pingcha.sqlite')),
    logLevel: e.LOG_LEVEL,
    upload: { maxFileBytes: e.UPLOAD_MAX_FILE_BYTES, maxFiles: e.UPLOAD_MAX_FILES },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    extraction: { workers: e.EXTRACT_WORKERS === 0 ? defaultWorkerCount() : e.EXTRACT_WORKERS, timeoutMs: e.EXTRACT_TIMEOUT_MS, niceIncrement: e.EXTRACT_NICE },
    auth: { failuresPerMinute: e.AUTH_FAILURES_PER_MINUTE },
    replyCacheBytes: e.REPLY_CACHE_MIB * MiB,
    schemesDir: e.SCHEMES_DIR ? path.resolve(e.SCHEMES_DIR) : undefined,
  });
}

function freezeConfig(config: Config): Config {
  Object.freeze(config.upload);
  Object.freeze(config.extraction);
  Object.freeze(config.auth);
  return Object.freeze(config);
}

/** A config for tests and tools: defaults, with overrides applied on top. */
export function configWith(
  overrides: Partial<Omit<Config, 'upload' | 'extraction' | 'auth'>> & {
    upload?: Partial<Config['upload']>;
    extraction?: Partial<Config['extraction']>;
    auth?: Partial<Config['auth']>;
  },
): Config {
  const base = loadConfig({});
  return freezeConfig({
    ...base,
    ...overrides,
    upload: { ...base.upload, ...overrides.upload },
    extraction: { ...base.extraction, ...overrides.extraction },
    auth: { ...base.auth, ...overrides.auth },
  } as Config);
}
