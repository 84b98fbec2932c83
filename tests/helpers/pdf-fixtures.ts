/**
 * PDF fixtures for the API tests, generated in memory (no binaries in the repository).
 * All builders are synchronous and deterministic apart from encryptedPdf (pdfkit salts its keys).
 */
import PDFDocument from 'pdfkit';
import { buildCidPdf } from '../../samples/lib/cid-pdf.js';
import { buildEmbeddedPdf } from '../../samples/lib/embedded-pdf.js';

export type FixtureFont = 'embedded' | 'cid';

/**
 * A text PDF, one array of lines per page, left-aligned on A4 (long lines wrap).
 * 'embedded' (default): Noto Sans Hans embedded with ToUnicode, readable by any extractor.
 * 'cid': non-embedded STSong-Light / UniGB-UCS2-H, readable by pdf.js only with cMapUrl.
 */
export function textPdf(pages: readonly (readonly string[])[], opts: { font?: FixtureFont } = {}): Buffer {
  return (opts.font ?? 'embedded') === 'cid' ? buildCidPdf(pages) : buildEmbeddedPdf(pages);
}

export const FIXTURE_PASSWORD = 'pingcha-secret';

/** A PDF that opens only with a user password (AES-256, PDF 1.7): pdf.js throws PasswordException without it. */
export function encryptedPdf(): Buffer {
  return buildEmbeddedPdf([['加密的案卷材料', '本文件设置了打开密码。']], { userPassword: FIXTURE_PASSWORD, ownerPassword: `${FIXTURE_PASSWORD}-owner` });
}

/**
 * A valid PDF whose pages carry only vector drawing — grey bars where a scan would have text
 * lines, and a red ring for a seal — and no text layer at all: it needs OCR.
 */
export function imageOnlyPdf(pageCount = 2): Buffer {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { CreationDate: new Date('2024-01-01T00:00:00Z') } });
  for (let p = 0; p < pageCount; p++) {
    doc.addPage();
    doc.fillColor('#8c8c8c');
    doc.rect(200, 60, 190, 12).fill();
    for (let row = 1; row < 28; row++) doc.rect(80, 60 + row * 24, row % 7 === 6 ? 180 : 430 - ((row * 37 + p * 11) % 60), 9).fill();
    doc.lineWidth(3).strokeColor('#d00000').circle(410, 750, 60).stroke();
  }
  doc.end();
  return doc.read() as Buffer;
}

/** The first half of a valid text PDF: no cross-reference table, no trailer, no %%EOF. */
export function truncatedPdf(): Buffer {
  const full = textPdf([['行政处罚决定书', '当事人：江州市某某商贸有限公司', '罚款人民币伍仟元整（￥5,000元）。']], { font: 'cid' });
  return full.subarray(0, Math.floor(full.length / 2));
}

const SENTENCES = [
  '经查，当事人在其经营场所内陈列销售的预包装食品已超过标签标注的保质期，执法人员当场责令其下架并单独存放。',
  '执法人员向当事人出示了执法证件，告知其申请回避的权利和如实回答询问、协助调查的义务，当事人表示清楚。',
  '上述事实有现场检查笔录、现场照片、询问笔录、销售明细和进货票据等证据证明，证据之间能够相互印证。',
  '当事人的行为违反了相关法律法规的规定，依法应当给予行政处罚，本机关对本案具有管辖权并在法定时效之内。',
  '执法人员调取了当事人收银系统的销售记录，并由当事人委托代理人在复印件上签名确认与原件核对一致。',
  '鉴于当事人系初次违法，积极配合调查并主动采取整改措施，综合考虑违法情节和危害后果，依法予以从轻处理。',
  '当事人应当自收到本决定书之日起十五日内缴纳罚款，到期不缴纳的，每日按罚款数额的百分之三加处罚款。',
  '当事人如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，也可以在六个月内提起行政诉讼。',
  '案卷材料按照办案程序和形成时间顺序排列，卷内文书齐全，页码连续，无涂改和缺损，照片证据均已标注说明。',
  '复查时当事人已落实整改要求，建立了进货查验和定期检查制度，对在售食品逐一核对生产日期和保质期。',
];

/**
 * A long volume in the non-embedded CID font: every page holds roughly 800 Chinese characters,
 * so extracting the default 400 pages takes real time. Built in memory in well under a second.
 */
export function largeCidPdf(pageCount = 400): Buffer {
  const pages: string[][] = [];
  for (let p = 0; p < pageCount; p++) {
    const lines: string[] = p === 0 ? ['证据材料'] : [];
    let chars = 0;
    // Rotate through the sentences so neighbouring pages differ.
    for (let i = 0; chars < 800; i++) {
      const paragraph = [0, 1, 2].map((k) => SENTENCES[(p * 3 + i * 7 + k) % SENTENCES.length]!).join('');
      lines.push(paragraph);
      chars += paragraph.length;
    }
    lines.push(`第${p + 1}页 共${pageCount}页`);
    pages.push(lines);
  }
  return buildCidPdf(pages, { title: '大体量案卷（测试）' });
}

/** A 1×1 PNG: a real file, but not a PDF. */
export function notAPdf(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
}
