/**
 * Law citations in sample texts — 《中华人民共和国食品安全法》第一百二十四条第一款第（五）项 — checked
 * against the law texts in shared/data/laws (the latest version of each law): the article must
 * exist, and so must the paragraph (款) and item (项) when the citation names them.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LAWS_DIR = path.resolve(import.meta.dirname, '../../../shared/data/laws');
const NUM = '[零〇一二三四五六七八九十百千]+';
const REF = `第(${NUM})条(?:第(${NUM})款)?(?:第[（(](${NUM})[）)]项)?`;
const CITATION = new RegExp(`《([^《》]+)》((?:${REF})(?:(?:、|和|及|以及)${REF})*)`, 'gu');

export interface Citation {
  law: string;
  ref: string;
  article: number;
  paragraph?: number;
  item?: number;
}

export function findCitations(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(CITATION)) {
    const law = match[1]!;
    for (const ref of match[2]!.matchAll(new RegExp(REF, 'gu'))) {
      found.push({
        law,
        ref: ref[0],
        article: cnNumber(ref[1]!),
        ...(ref[2] ? { paragraph: cnNumber(ref[2]) } : {}),
        ...(ref[3] ? { item: cnNumber(ref[3]) } : {}),
      });
    }
  }
  return found;
}

function cnNumber(text: string): number {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in digits) digit = digits[ch]!;
    else {
      total += (digit || 1) * units[ch]!;
      digit = 0;
    }
  }
  return total + digit;
}

/** An article as paragraphs (款), each with its number of items (项). */
type Article = { items: number }[];

const lawCache = new Map<string, Map<number, Article> | null>();

/** The latest version of a law in shared/data/laws, parsed into articles. */
function loadLaw(title: string): Map<number, Article> | null {
  const short = title.replace(/^中华人民共和国/u, '');
  if (lawCache.has(short)) return lawCache.get(short)!;
  const files = fs
    .readdirSync(LAWS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f).startsWith(`${short}(`) && f.endsWith('.md'))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
  const latest = files.at(-1);
  const parsed = latest ? parseLaw(fs.readFileSync(path.join(LAWS_DIR, latest), 'utf8')) : null;
  lawCache.set(short, parsed);
  return parsed;
}

function parseLaw(markdown: string): Map<number, Article> {
  const articles = new Map<number, Article>();
  let current: Article | undefined;
  const body = markdown.slice(markdown.indexOf('<!-- INFO END -->'));
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const heading = new RegExp(`^第(${NUM})条\\s`, 'u').exec(line);
    if (heading) {
      current = [{ items: 0 }];
      articles.set(cnNumber(heading[1]!), current);
    } else if (current && /^[（(][零一二三四五六七八九十]+[）)]/u.test(line)) {
      current.at(-1)!.items++;
    } else if (current) {
      current.push({ items: 0 });
    }
  }
  return articles;
}

export function lawProblem(c: Citation): string | null {
  const law = loadLaw(c.law);
  if (!law) return `law not found in ${LAWS_DIR}`;
  const article = law.get(c.article);
  if (!article) return `article ${c.article} does not exist`;
  const paragraph = article[(c.paragraph ?? 1) - 1];
  if (!paragraph) return `article ${c.article} has ${article.length} paragraph(s)`;
  if (c.item !== undefined && c.item > paragraph.items) return `paragraph ${c.paragraph ?? 1} has ${paragraph.items} item(s)`;
  return null;
}
