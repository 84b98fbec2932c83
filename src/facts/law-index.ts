/**
 * The law index: derived facts about the national laws, administrative regulations and
 * departmental rules in shared/data/laws (titles, category, version dates, article counts),
 * built by scripts/build-law-index.ts into law-index.json. No law text. Pure lookups.
 */
import lawIndexJson from './law-index.json' with { type: 'json' };

export interface LawVersion {
  /** YYYY-MM-DD: adoption or amendment date of the version. */
  date: string;
  /** Number of articles (paragraphs starting 第X条) in this version. */
  articles: number;
}

export interface LawIndexEntry {
  /** Title without 中华人民共和国 (行政处罚法). */
  title: string;
  /** Title as published (中华人民共和国行政处罚法). */
  fullTitle: string;
  /** Category folder: 行政法, 经济法, 社会法, 民法商法, 诉讼与非诉讼程序法, 行政法规, 部门规章. */
  kind: string;
  /** Oldest first. */
  versions: LawVersion[];
}

// An import (not createRequire) so that tsc copies the JSON next to the compiled module.
const entries = lawIndexJson as LawIndexEntry[];

const PREFIX = '中华人民共和国';

/** Folds the spelling differences that do not change a title: spaces, 《》, ASCII brackets, 〈〉. */
function titleKey(title: string): string {
  return title
    .replace(/\s+/g, '')
    .replace(/^《/, '')
    .replace(/》$/, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/〈/g, '《')
    .replace(/〉/g, '》');
}

const byTitle = new Map<string, LawIndexEntry>();
for (const entry of entries) {
  for (const key of [entry.title, entry.fullTitle, entry.fullTitle.startsWith(PREFIX) ? entry.fullTitle.slice(PREFIX.length) : entry.title]) {
    const k = titleKey(key);
    if (!byTitle.has(k)) byTitle.set(k, entry);
  }
}

/** All entries of the index (read-only). */
export function lawIndex(): readonly LawIndexEntry[] {
  return entries;
}

/**
 * The law a cited title names: exact match, with or without the 中华人民共和国 prefix (and
 * ignoring spaces, 《》 and ASCII vs full-width brackets); null when not in the index.
 */
export function findLaw(citedTitle: string): LawIndexEntry | null {
  const key = titleKey(citedTitle);
  if (key.length === 0) return null;
  return byTitle.get(key) ?? (key.startsWith(PREFIX) ? null : byTitle.get(titleKey(PREFIX + key)) ?? null);
}

/**
 * The version of a law in force on a date: the latest version dated on or before it (with its
 * article count). Null when the title is not known or the date is before every known version.
 * Note: version dates are adoption/amendment dates, not the dates they took effect.
 */
export function lawVersionOn(title: string, date: string | Date): LawVersion | null {
  const entry = findLaw(title);
  if (!entry) return null;
  const day = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  let found: LawVersion | null = null;
  for (const version of entry.versions) if (version.date <= day && (!found || version.date > found.date)) found = version;
  return found;
}
