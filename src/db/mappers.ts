/**
 * The one place where JavaScript values meet their stored form (see db/schema.ts).
 * Repositories call these; nothing else converts booleans, timestamps, money or JSON.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DbBool } from './schema.js';

export const toDbBool = (value: boolean): DbBool => (value ? 1 : 0);
export const fromDbBool = (value: number | boolean): boolean => value === 1 || value === true;

let lastTimestampMs = 0;

/**
 * Timestamps are stored as ISO-8601 UTC text, which sorts correctly as text. Within one
 * process they strictly increase (two writes in the same millisecond get consecutive
 * milliseconds), so records made one after the other list in the order they were made.
 */
export function nowTimestamp(): string {
  lastTimestampMs = Math.max(Date.now(), lastTimestampMs + 1);
  return new Date(lastTimestampMs).toISOString();
}

export const newId = (): string => randomUUID();

/** Money is stored as integer fen so that sums are exact. */
export const yuanToFen = (yuan: number | undefined | null): number | null =>
  yuan === undefined || yuan === null ? null : Math.round(yuan * 100);
export const fenToYuan = (fen: number | string | null): number | null =>
  fen === null ? null : Number(fen) / 100; // PostgreSQL returns bigint as text

export const toJsonText = (value: unknown): string => JSON.stringify(value);

/** JSON columns are parsed with a schema, never trusted blindly. */
export function fromJsonText<T>(text: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(text));
}
