/**
 * Builds src/facts/law-index.json from the law texts in ../shared/data/laws (one Markdown file
 * per version, `title(date).md`). Writes only derived facts — titles, the category folder,
 * version dates and the number of articles per version — never the texts themselves.
 *
 * Run: npx tsx scripts/build-law-index.ts [lawsDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const lawsDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'laws'));
const outFile = join(root, 'src', 'facts', 'law-index.json');

const PREFIX = '中华人民共和国';
const FILE_NAME = /^(.+)\((\d{4}-\d{2}-\d{2})\)\.md$/;
/** A paragraph that starts an article: 第十二条, 第一百零五条之一 (followed by a space or the end). */
const ARTICLE_START = /^第[零〇一二三四五六七八九十百千两]+条(?:之[一二三四五六七八九十]+)?(?:[ \u3000]|$)/;

interface Version {
  date: string;
  articles: number;
}
interface Entry {
  title: string;
  fullTitle: string;
  kind: string;
  versions: Version[];
}

function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.md')) yield path;
  }
}

function countArticles(text: string): number {
  const body = text.includes('<!-- INFO END -->') ? text.slice(text.indexOf('<!-- INFO END -->')) : text;
  let count = 0;
  for (const line of body.split(/\r?\n/)) if (ARTICLE_START.test(line.trim())) count++;
  return count;
}

const entries = new Map<string, Entry>();
for (const path of markdownFiles(lawsDir)) {
  const match = FILE_NAME.exec(basename(path));
  if (!match) continue; // README.md, _index.md
  const [, fileTitle, date] = match as unknown as [string, string, string];
  const kind = relative(lawsDir, path).split(sep)[0]!;
  const text = readFileSync(path, 'utf8');
  const heading = /^#\s+(.+?)\s*$/m.exec(text)?.[1] ?? fileTitle;
  const title = heading.startsWith(PREFIX) ? heading.slice(PREFIX.length) : fileTitle;
  // A law filed under two categories (反电信网络诈骗法 in 行政法 and 社会法) is one entry.
  const key = title;
  let entry = entries.get(key);
  if (!entry) {
    entry = { title, fullTitle: heading, kind, versions: [] };
    entries.set(key, entry);
  }
  if (!entry.versions.some((version) => version.date === date)) entry.versions.push({ date, articles: countArticles(text) });
}

const list = [...entries.values()].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
for (const entry of list) entry.versions.sort((a, b) => (a.date < b.date ? -1 : 1));

// One line per title keeps the file compact and the diffs readable.
const json = `[\n${list.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`;
writeFileSync(outFile, json);
console.log(`law index: ${list.length} titles, ${list.reduce((n, e) => n + e.versions.length, 0)} versions → ${relative(root, outFile)}`);
