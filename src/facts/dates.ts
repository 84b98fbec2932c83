/**
 * Date extraction: every full date (year, month, day) written in a document, with the stage of
 * the case it belongs to when the words around it say so unambiguously.
 *
 * Forms read (on the normalised text, so “2023 年 5 月 6 日” and full-width digits are covered):
 * 2023年5月6日 (also 6号), 二〇二三年五月六日, 2023-05-06, 2023.5.6, 2023/5/6; a time after the date
 * (2024年3月1日9时30分) is ignored. A month or day that does not exist (2023年2月30日,
 * 二〇二三年十三月五日, also 二〇二三年十三月 without a day) gives value null and a problem; the
 * date is never shifted. A year and month without a day is otherwise not a date and is skipped,
 * and so is a date without a year (5月8日).
 *
 * Roles are assigned conservatively (a wrong role is worse than none), in this order:
 * 1. a field label right before the date: 立案日期：, 检查时间：, 送达时间：, 现场检查于…;
 * 2. the first event word after the date in its clause (于2023年5月6日立案 / 对你单位进行现场检查 /
 *    作出行政处罚决定 / 向你单位送达了《行政处罚事先告知书》); for a date opening a sentence
 *    (“2023年5月6日，我局执法人员…”) the next clause is read when it starts with the agency;
 *    送达/签收/收到 gives service only for a penalty decision (named after the verb, or 本决定书
 *    before the date), notice for a 告知书, and no role otherwise (收到举报, 送达《询问通知书》);
 *    hearing requests and waivers (申请听证, 放弃陈述申辩), rights told (告知其…), plans and deadlines
 *    (拟于…, 应于…前) give no role;
 * 3. the second date of a range (…9时30分至2024年3月1日…) takes the first one's role;
 * 4. in a 送达回证 (where only this rule applies), a date on a line with 签收/签名/送达/收到 is the service date (notice when
 *    the receipt is for a 告知书, none for other documents); in a 笔录, the “时间：” field at the
 *    head of the record is the investigation (检查/询问), hearing or statement time;
 * 5. the 落款 of a penalty decision (a date alone on its line after the agency name, on the last
 *    page) is the decision date; of a 事先告知书, the notice date.
 */
import { quoteRaw } from '../text/normalize.js';
import { normalizedPage } from './page-text.js';
import { parseChineseInteger } from './numerals.js';
import type { DateFact, DateRole, DocumentInput } from './types.js';

const CN_DIGIT = '〇○零一二三四五六七八九';
const CN_NUM = `${CN_DIGIT}十两`;

/** 2023年5月6日, with the day optional (to report 2023年13月). */
const ARABIC_YMD = /(?<![\d.])(\d{4})\n?年\n?(\d{1,2})\n?月(?:\n?(\d{1,2})\n?[日号])?/gu;
const CHINESE_YMD = new RegExp(
  `([${CN_DIGIT}]{4})\\n?年\\n?([${CN_NUM}]{1,3})\\n?月(?:\\n?([${CN_NUM}]{1,4})\\n?[日号])?`,
  'gu',
);
/** 2023-05-06, 2023.5.6, 2023/5/6 (the same separator twice). */
const SEPARATED_YMD = /(?<![\d.\-/])(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?!\d|[.\-/]\d)/gu;

const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

/** A clock time right after a date: 9时30分, 09:30, 上午9时, 9点. */
const TIME_AFTER = /^\s?(?:[上下]午|凌晨|晚上|中午)?\d{1,2}(?:[时点:：]\d{0,2}分?(?:\d{1,2}秒)?)?/u;

const CLAUSE_BREAK = /[，,。；;！？!?\n]/u;
const SENTENCE_BREAK = /[。；！？\n]/u;
const QUOTE_MAX = 80;
const AFTER_WINDOW = 30;

/** Label before the date (rule 1), matched against the end of the clause before the date. */
const LABELS: ReadonlyArray<readonly [RegExp, DateRole]> = [
  [/立案(?:日期|时间|日)[：:]?(?:为|是)?$/u, 'filing'],
  [/结案(?:日期|时间|日)[：:]?(?:为|是)?$/u, 'closing'],
  [/(?:检查|勘察|勘验|勘查|调查|询问)(?:日期|时间)[：:]?(?:为|是)?$/u, 'investigation'],
  [/(?:现场检查|勘察|勘验)于$/u, 'investigation'],
  [/(?:送达|签收|收到)(?:日期|时间)[：:]?(?:为|是)?$/u, 'service'],
  [/听证(?:会)?(?:举行|召开)?(?:日期|时间)[：:]?(?:为|是)?$/u, 'hearing'],
  [/(?:陈述|申辩)(?:日期|时间)[：:]?(?:为|是)?$/u, 'statement'],
  [/(?:决定|落款)(?:日期|时间)[：:]?(?:为|是)?$/u, 'decision'],
  [/告知(?:日期|时间)[：:]?(?:为|是)?$/u, 'notice'],
];

type EventKind = DateRole | 'served' | 'none';

/**
 * Event words after the date (rule 2). At the same position the first listed wins, so the
 * explicit “no role” words (听证通知书, 拟作出) shadow the shorter event words they contain.
 */
const EVENTS: ReadonlyArray<readonly [RegExp, EventKind]> = [
  [/听证通知/u, 'none'],
  [/拟作出/u, 'none'],
  [/询问通知/u, 'none'],
  [/(?:提出|申请|要求|放弃)听证|听证(?:申请|权)|放弃(?:陈述|申辩)/u, 'none'],
  [/立案/u, 'filing'],
  [/结案/u, 'closing'],
  [/告知书|告知单|事先告知|处罚告知|听证告知/u, 'notice'],
  // Rights told at an inspection (告知其享有陈述申辩权) are not the penalty notice.
  [/告知/u, 'none'],
  [/听证/u, 'hearing'],
  [/陈述|申辩/u, 'statement'],
  [/作出了?[^，。；《]{0,8}处罚决定|作出了?《[^》]*处罚决定书》|作出了?(?:如下|本|此|上述)决定/u, 'decision'],
  [/送达|签收|收到/u, 'served'],
  [/现场检查|检查|勘察|勘验|勘查|调查|询问/u, 'investigation'],
];

/** A subject that makes the clause after “2023年5月6日，” the agency's action. */
const AGENCY_SUBJECT = /^(?:[本我](?:局|机关|厅|委|队|院|所|站|府|部门|单位执法人员)|[^，。]{0,12}执法人员|[^，。]{2,12}(?:局|支队|大队))/u;

const DECISION_TYPES = new Set(['penalty_decision', 'no_penalty_decision', 'onsite_penalty_decision']);
const NOTICE_TYPES = new Set(['penalty_notice']);
const AGENCY_LINE = /(?:局|院|厅|委|会|所|队|站|府|政府|中心|办公室)(?:[（(](?:盖章|印章|章)[）)])?$/u;

interface DateMatch {
  start: number;
  end: number;
  value: string | null;
  problem: string | null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Validates a parsed date; month and day null when unreadable. */
function checkDate(
  written: string,
  year: number | null,
  month: number | null,
  day: number | null | undefined,
): Pick<DateMatch, 'value' | 'problem'> | null {
  const shown = written.replace(/\n/gu, '');
  if (year === null) return { value: null, problem: `无法识别日期“${shown}”中的年份` };
  if (year < MIN_YEAR || year > MAX_YEAR) return { value: null, problem: `日期“${shown}”中的年份${year}不合理` };
  if (month === null) return { value: null, problem: `无法识别日期“${shown}”中的月份` };
  if (month < 1 || month > 12) return { value: null, problem: `日期“${shown}”中的月份${month}不存在` };
  if (day === undefined) return null; // year and month only: not a date, nothing wrong with it
  if (day === null) return { value: null, problem: `无法识别日期“${shown}”中的日` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { value: null, problem: `日期“${shown}”不存在：${year}年${month}月没有${day}日` };
  }
  return { value: `${year}-${pad(month)}-${pad(day)}`, problem: null };
}

function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  const push = (m: RegExpExecArray, checked: Pick<DateMatch, 'value' | 'problem'> | null): void => {
    if (checked) found.push({ start: m.index, end: m.index + m[0].length, ...checked });
  };
  for (const m of text.matchAll(ARABIC_YMD)) {
    const day = m[3] === undefined ? undefined : Number(m[3]);
    push(m, checkDate(m[0], Number(m[1]), Number(m[2]), day));
  }
  for (const m of text.matchAll(CHINESE_YMD)) {
    const day = m[3] === undefined ? undefined : parseChineseInteger(m[3]);
    push(m, checkDate(m[0], parseChineseInteger(m[1]!), parseChineseInteger(m[2]!), day));
  }
  for (const m of text.matchAll(SEPARATED_YMD)) {
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) continue;
    push(m, checkDate(m[0], year, Number(m[3]), Number(m[4])));
  }
  return found.sort((a, b) => a.start - b.start);
}

function lastIndexOfBreak(text: string, from: number, re: RegExp): number {
  for (let i = from - 1; i >= 0; i--) if (re.test(text[i]!)) return i;
  return -1;
}

function indexOfBreak(text: string, from: number, re: RegExp): number {
  for (let i = from; i < text.length; i++) if (re.test(text[i]!)) return i;
  return text.length;
}

/** The earliest event word in a segment, with where it ends. */
function firstEvent(segment: string): { kind: EventKind; end: number } | null {
  let best: { kind: EventKind; at: number; end: number } | null = null;
  for (const [re, kind] of EVENTS) {
    const m = re.exec(segment);
    if (m && (best === null || m.index < best.at)) best = { kind, at: m.index, end: m.index + m[0].length };
  }
  return best && { kind: best.kind, end: best.end };
}

/**
 * The role of an event word found in a segment. Service depends on what was served, named
 * after the verb or in the clause before the date (本决定书已于…送达): a 告知书 → notice, a
 * penalty decision → service, anything else or nothing named (收到举报) → none.
 */
function eventRole(segment: string, before: string): DateRole | null {
  const event = firstEvent(segment);
  if (!event || event.kind === 'none') return null;
  if (event.kind !== 'served') return event.kind;
  const object = segment.slice(event.end);
  if (/告知书|告知单/u.test(object)) return 'notice';
  const named = /《[^》]*》|[\u4e00-\u9fff]{0,12}(?:书|通知|回证|清单|笔录)/u.exec(object);
  if (named) return /处罚决定书/u.test(named[0]) ? 'service' : null;
  if (event.kind === 'served' && /送达|签收/u.test(segment.slice(0, event.end)) && /(?:本|该|处罚)决定书/u.test(before)) {
    return 'service';
  }
  return null;
}

/** The plain “时间：” field at the head of a record is the time of what it records. */
const RECORD_TIME_ROLES: Readonly<Record<string, DateRole>> = {
  site_inspection_record: 'investigation',
  inquiry_record: 'investigation',
  hearing_record: 'hearing',
  statement_record: 'statement',
};

function roleFromContext(doc: DocumentInput, text: string, date: DateMatch): DateRole | null {
  const clauseStart = lastIndexOfBreak(text, date.start, CLAUSE_BREAK) + 1;
  const before = text.slice(clauseStart, date.start).replace(/\s+$/u, '');
  for (const [re, role] of LABELS) if (re.test(before)) return role;
  const recordRole = RECORD_TIME_ROLES[doc.type];
  if (recordRole !== undefined && /^(?:[\u4e00-\u9fff]{0,4})?时间[：:]$/u.test(before) && !/(?:发证|生产|出厂|有效|登记|填制|采样|报告)/u.test(before)) {
    return recordRole;
  }
  // Planned events and deadlines (拟于…作出, 应于…前) are not what happened.
  if (/(?:拟|应|应当|须|需|将|计划|预计)(?:于|在)?$/u.test(before)) return null;

  let afterStart = date.end;
  const time = TIME_AFTER.exec(text.slice(afterStart, afterStart + 16));
  if (time) afterStart += time[0].length;
  const afterEnd = Math.min(indexOfBreak(text, afterStart, CLAUSE_BREAK), afterStart + AFTER_WINDOW);
  const after = text.slice(afterStart, afterEnd);
  if (/^(?:之前|以前|前)/u.test(after)) return null;
  if (after.trim().length > 0) return eventRole(after, before);

  // “2023年5月6日，本局执法人员对你单位进行了现场检查”: the date opens the sentence.
  if (/^(?:[于在经自从]|\s)*$/u.test(before) && /[，,]/u.test(text[afterEnd] ?? '')) {
    const nextEnd = Math.min(indexOfBreak(text, afterEnd + 1, CLAUSE_BREAK), afterEnd + 1 + AFTER_WINDOW);
    const next = text.slice(afterEnd + 1, nextEnd);
    if (AGENCY_SUBJECT.test(next)) return eventRole(next, '');
  }
  return null;
}

function lineBounds(text: string, at: number): [number, number] {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return [start, end < 0 ? text.length : end];
}

/**
 * Rule 5: the signature block of a penalty decision or 事先告知书: on the last page of the
 * document, a date alone on its line with the agency name (…局, …局（印章）) on one of the two
 * lines before. Lines are taken from the raw text, because the normaliser joins a signature
 * block onto a long last paragraph line (“…1199号\n江州市生态环境局（印章）\n2024年7月9日”
 * comes out as one line); in the normalised text, a date ending its line right after the
 * agency name is accepted too.
 */
function signatureRole(
  doc: DocumentInput,
  isLastPage: boolean,
  raw: string,
  text: string,
  offsets: Int32Array,
  date: DateMatch,
): DateRole | null {
  const role = DECISION_TYPES.has(doc.type) ? 'decision' : NOTICE_TYPES.has(doc.type) ? 'notice' : null;
  if (role === null || !isLastPage) return null;
  const dateText = text.slice(date.start, date.end).replace(/\s+/gu, '');
  // Normalised text: “…局（印章）2024年7月9日” at the end of a line.
  const [lineStart, lineEnd] = lineBounds(text, date.start);
  if (text.slice(date.end, lineEnd).trim() === '' && AGENCY_LINE.test(text.slice(lineStart, date.start).trim())) return role;
  // Raw text: the date alone on its line, the agency on one of the two lines before.
  const rawStart = offsets[date.start]!;
  const rawLineStart = Math.max(raw.lastIndexOf('\n', rawStart - 1), raw.lastIndexOf('\r', rawStart - 1)) + 1;
  const rawLineEndAt = raw.slice(rawStart).search(/[\r\n]/u);
  const rawLine = raw.slice(rawLineStart, rawLineEndAt < 0 ? raw.length : rawStart + rawLineEndAt);
  if (rawLine.replace(/\s+/gu, '').normalize('NFKC') !== dateText.normalize('NFKC')) return null;
  const previousLines = raw
    .slice(0, rawLineStart)
    .split(/\r\n|\r|\n/u)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(-2);
  return previousLines.some((l) => AGENCY_LINE.test(l)) ? role : null;
}

/**
 * Rule 4: the dates of a 送达回证 next to a signature or service label. What was served decides
 * the role: a penalty decision → service, a 告知书 → notice, anything else (or both) → none.
 */
function serviceReceiptRole(doc: DocumentInput, text: string, date: DateMatch): DateRole | null {
  if (doc.type !== 'service_receipt') return null;
  const [lineStart, lineEnd] = lineBounds(text, date.start);
  if (!/签收|签名|签字|送达|收到/u.test(text.slice(lineStart, lineEnd))) return null;
  const decision = /处罚决定书/u.test(text);
  const notice = /告知书/u.test(text);
  const other = /(?<!处罚决定|告知|送达地址确认|文)书|通知/u.test(text.replace(/送达回证|送达回执/gu, ''));
  if (other) return null;
  if (decision && !notice) return 'service';
  if (notice && !decision) return 'notice';
  return null;
}

/**
 * The quote for a match at normalised [start, end): its sentence (or line) in the normalised
 * text, cut to a window around the match when long, mapped back to the raw text and kept
 * within QUOTE_MAX (80) characters. Shared with the amount extractor.
 */
export function quoteAround(raw: string, text: string, offsets: Int32Array, start: number, end: number): string {
  let from = lastIndexOfBreak(text, start, SENTENCE_BREAK) + 1;
  let to = indexOfBreak(text, end, SENTENCE_BREAK);
  if (to < text.length && text[to] !== '\n') to++;
  from = Math.max(from, start - 30);
  to = Math.min(to, Math.max(end, from + QUOTE_MAX));
  let quote = quoteRaw(raw, offsets, from, to).trim();
  while (quote.length > QUOTE_MAX && to > end) {
    to = Math.max(end, to - (quote.length - QUOTE_MAX));
    quote = quoteRaw(raw, offsets, from, to).trim();
    if (to === end) break;
  }
  while (quote.length > QUOTE_MAX && from < start) {
    from = Math.min(start, from + (quote.length - QUOTE_MAX));
    quote = quoteRaw(raw, offsets, from, to).trim();
  }
  return quote;
}

/** Every full date in a document, in page and text order. */
export function extractDates(doc: DocumentInput): DateFact[] {
  const facts: DateFact[] = [];
  const lastPage = doc.pages.reduce((max, p) => Math.max(max, p.pageNumber), -Infinity);
  for (const page of doc.pages) {
    // The offsets come from the raw text (normalizedPage(page).text === page.normalized).
    const { text, rawOffsets } = normalizedPage(page);
    let previous: { match: DateMatch; role: DateRole | null } | null = null;
    for (const date of findDates(text)) {
      let role: DateRole | null = null;
      if (date.value !== null) {
        // In a 送达回证 only rule 4 applies: its 送达时间 is the service of whatever it served.
        role =
          doc.type === 'service_receipt'
            ? serviceReceiptRole(doc, text, date)
            : (signatureRole(doc, page.pageNumber === lastPage, page.raw, text, rawOffsets, date) ??
              roleFromContext(doc, text, date));
        // Rule 3: …至2024年3月1日 continues the range the previous date opened.
        if (role === null && previous !== null) {
          const between = text.slice(previous.match.end, date.start);
          if (/^(?:\s?(?:[上下]午)?\d{1,2}[时点:：]\d{0,2}分?)?\s?[至到—–\-~～]\s?$/u.test(between)) role = previous.role;
        }
      }
      facts.push({
        documentId: doc.id,
        page: page.pageNumber,
        quote: quoteAround(page.raw, text, rawOffsets, date.start, date.end),
        value: date.value,
        role,
        problem: date.problem,
      });
      previous = { match: date, role };
    }
  }
  return facts;
}
