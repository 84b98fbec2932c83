/**
 * Parties (当事人, 被检查人, 被询问人, 申请人 …) with their identifiers, enforcement officers with
 * their certificate numbers, and seal and signature marks. Pure; line based (the normalised
 * text keeps form fields on their own lines).
 */
import { checkCreditCode, checkIdCardNumber } from '../domain/identifiers.js';
import { FIELD_LABELS } from '../text/normalize.js';
import { lineAround, quoteSpan } from './case-numbers.js';
import type { DocumentInput, OfficerFact, PageInput, PartyFact, SealFact } from './types.js';

interface Line {
  page: PageInput;
  start: number;
  end: number;
  text: string;
}

/**
 * The lines of a document. With `joinAfterColon`, a line ending with a colon is joined with
 * the next line when that starts with a letter or digit (“吴晓婷（执法证号：” + “39000019311）”):
 * the normaliser never joins after a colon.
 */
function linesOf(doc: DocumentInput, joinAfterColon = false): Line[] {
  const lines: Line[] = [];
  for (const page of doc.pages) {
    let start = 0;
    const parts = page.normalized.split('\n');
    for (let i = 0; i < parts.length; i++) {
      let text = parts[i]!;
      let end = start + text.length;
      while (joinAfterColon && /[：:]$/u.test(text) && i + 1 < parts.length && /^[A-Za-z0-9]/u.test(parts[i + 1]!)) {
        i++;
        end += 1 + parts[i]!.length;
        text = page.normalized.slice(start, end);
      }
      lines.push({ page, start, end, text });
      start = end + 1;
    }
  }
  return lines;
}

const EXTRA_LABELS = ['性别', '年龄', '出生日期', '出生年月', '民族', '职务', '电话', '手机', '身份证号', '身份证件号码', '类型', '经营场所', '签名', '日期'];
const LABELS = [...new Set([...FIELD_LABELS, ...EXTRA_LABELS])].sort((a, b) => b.length - a.length);

/** Cuts a field value at the next field label (“张三性别：男” → “张三”) or separator. */
function cutValue(value: string): string {
  let end = value.length;
  for (const label of LABELS) {
    for (const colon of ['：', ':']) {
      const at = value.indexOf(label + colon);
      if (at >= 0 && at < end) end = at;
    }
  }
  const cut = value.slice(0, end);
  const sep = cut.search(/[，,；;。\s（(]/u);
  return (sep >= 0 ? cut.slice(0, sep) : cut).trim();
}

// ---------------------------------------------------------------------------------------
// Parties

// 被询问人 is left out: the person questioned is often an employee or a witness, not the party.
const PARTY_LABEL = /^(?:当事人|被检查人|被检查单位|申请人|被处罚人|被申请人|受送达人|受送达单位)(?:名称|姓名)?[：:]/u;
/** The addressee line under a notice's title: “江州市恒远铸造有限公司：”. */
const ADDRESSEE = /^([\u4e00-\u9fff（）()]{2,40}(?:公司|厂|店|中心|合作社|商行|超市|医院|学校|协会|事务所|馆|部|站|场))[：:]$/u;
/** How far from the top of a document the addressee line may stand. */
const ADDRESSEE_LINES = 8;
const CREDIT_CODE = /(?:统一社会信用代码|社会信用代码|信用代码)(?:[（(][^）)]{0,10}[）)])?[：:]\s*([0-9A-Za-z]{15,20})/u;
const ID_NUMBER = /(?:公民身份号码|身份证件号码|身份证号码|身份证号|证件号码)[：:]\s*([0-9Xx]{15,18})/u;
const BLOCK_END = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|问[：:]|答[：:])/u;

export function extractParties(doc: DocumentInput): PartyFact[] {
  const facts: PartyFact[] = [];
  const lines = linesOf(doc);
  lines.forEach((line, index) => {
    const addressee = index < ADDRESSEE_LINES ? ADDRESSEE.exec(line.text) : null;
    if (addressee) {
      const [qs, qe] = lineAround(line.page.normalized, line.start, line.end);
      facts.push({ documentId: doc.id, page: line.page.pageNumber, quote: quoteSpan(line.page, qs, qe), name: addressee[1]!, kind: 'organization', creditCode: null, idNumber: null, identifierValid: null });
      return;
    }
    const label = PARTY_LABEL.exec(line.text);
    if (!label) return;
    const name = cutValue(line.text.slice(label[0].length));
    if (name.length < 2 || /^[_＿\s]+$/u.test(name)) return;
    // The party block: this line and the following field lines, up to the next party or section.
    const block: string[] = [line.text];
    for (let i = index + 1; i < lines.length && i <= index + 8; i++) {
      const next = lines[i]!.text;
      if (PARTY_LABEL.test(next) || BLOCK_END.test(next)) break;
      block.push(next);
    }
    const text = block.join('\n');
    const creditCode = CREDIT_CODE.exec(text)?.[1]?.toUpperCase() ?? null;
    let idNumber = ID_NUMBER.exec(text)?.[1]?.toUpperCase() ?? null;
    let kind: PartyFact['kind'] = null;
    const organizationName = /(?:公司|厂|店|中心|合作社|商行|超市|医院|学校|协会|事务所|馆|部|站|场|队|局|院)$/u.test(name);
    if (/个体工商户|个体户/u.test(text) || (/经营者[：:]/u.test(text) && !/法定代表人|负责人[：:]/u.test(text))) kind = 'individual_business';
    else if (organizationName || /法定代表人|负责人[：:]/u.test(text)) kind = 'organization';
    else if (idNumber) kind = 'person';
    else if (creditCode) kind = 'organization';
    // An organisation's block may hold its representative's ID number: not the party's identifier.
    if (kind === 'organization') idNumber = null;
    let identifierValid: boolean | null = null;
    if (creditCode) identifierValid = checkCreditCode(creditCode) === null;
    if (idNumber) identifierValid = (identifierValid ?? true) && checkIdCardNumber(idNumber) === null;
    const [qs, qe] = lineAround(line.page.normalized, line.start, line.end);
    facts.push({ documentId: doc.id, page: line.page.pageNumber, quote: quoteSpan(line.page, qs, qe), name, kind, creditCode, idNumber, identifierValid });
  });
  return facts;
}

// ---------------------------------------------------------------------------------------
// Officers

const CERTIFICATE = /[（(]?\s*(?:执法证件号码|执法证件号|执法证编号|执法证号|执法证|证件号|证号)[：:]?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})\s*[）)]?/gu;
const OFFICER_LABEL = /^(?:执法人员|检查人员|检查人|询问人|调查人员|调查人|承办人|办案人员|执法人)(?:姓名)?[：:]/u;
const NAME = /^[\u4e00-\u9fff·]{2,4}$/u;
const NAME_PREFIXES = /^(?:执法人员|检查人员|检查人|询问人|调查人员|调查人|承办人|办案人员|执法人|姓名)/u;

export function extractOfficers(doc: DocumentInput): OfficerFact[] {
  const facts: OfficerFact[] = [];
  // 卷内备考表: 检查人 there is the archivist.
  if (doc.type === 'backup_sheet') return facts;
  for (const line of linesOf(doc, true)) {
    const push = (name: string, certificateNumber: string | null, start: number, end: number): void => {
      const [qs, qe] = lineAround(line.page.normalized, line.start + start, line.start + end);
      facts.push({ documentId: doc.id, page: line.page.pageNumber, quote: quoteSpan(line.page, qs, qe), name, certificateNumber });
    };
    const certificates = [...line.text.matchAll(CERTIFICATE)];
    if (certificates.length > 0) {
      let from = 0;
      for (const m of certificates) {
        // The name is the run of ideographs just before the number (after a label, colon or separator).
        const before = line.text.slice(from, m.index);
        const run = /([\u4e00-\u9fff·]+)[\s、，,]*$/u.exec(before)?.[1]?.replace(NAME_PREFIXES, '');
        from = m.index + m[0].length;
        if (!run || !NAME.test(run) || /人员|单位|公司|编号/u.test(run)) continue;
        push(run, m[1]!, m.index - run.length, from);
      }
      continue;
    }
    const label = OFFICER_LABEL.exec(line.text);
    if (!label) continue;
    // Names without numbers: split the raw text (spaces between names vanish when normalising).
    let value = line.text.slice(label[0].length);
    for (const labelText of LABELS) {
      const at = value.indexOf(labelText + '：');
      if (at >= 0) value = value.slice(0, at);
    }
    const rawValue = quoteSpan(line.page, line.start + label[0].length, line.start + label[0].length + value.length);
    for (const name of rawValue.split(/[\s、，,；;/]+/u)) {
      if (NAME.test(name)) push(name, null, label[0].length, label[0].length + value.length);
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------
// Seals and signatures

const SEAL_MARK = /[（(［\[【](?:印章|盖章|公章|单位印章|单位盖章|机关印章|签章|章)[）)］\]】]/gu;
/** （签名） as a mark of its own; followed by a colon it is part of a field label (送达人（签名）：…). */
const SIGNATURE_MARK = /[（(［\[【](?:签名|签字)[）)］\]】](?![：:])/gu;
const SIGNATURE_FIELD = /签(?:名|字)(?:[（(][^）)]{0,8}[）)])?[：:]\s*(.*)$/u;

export function extractSeals(doc: DocumentInput): SealFact[] {
  const facts: SealFact[] = [];
  for (const line of linesOf(doc)) {
    const push = (kind: SealFact['kind'], start: number, end: number): void => {
      const [qs, qe] = lineAround(line.page.normalized, line.start + start, line.start + end);
      facts.push({ documentId: doc.id, page: line.page.pageNumber, quote: quoteSpan(line.page, qs, qe), kind });
    };
    for (const m of line.text.matchAll(SEAL_MARK)) push('seal', m.index, m.index + m[0].length);
    let signed = false;
    for (const m of line.text.matchAll(SIGNATURE_MARK)) {
      push('signature', m.index, m.index + m[0].length);
      signed = true;
    }
    if (signed) continue;
    const field = SIGNATURE_FIELD.exec(line.text);
    if (field && !/^[／/无空略]/u.test(field[1] ?? '')) {
      // A name after the colon (not an empty blank, underscores or just a date).
      const after = (field[1] ?? '').replace(/[_＿\s]+/gu, '').replace(/(?:日期[：:])?\d{4}年\d{1,2}月\d{1,2}日.*$/u, '').replace(/[年月日]/gu, '');
      if (/[\u4e00-\u9fff]{2,}/u.test(after)) push('signature', field.index, line.text.length);
    }
  }
  return facts;
}
