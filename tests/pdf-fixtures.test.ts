/**
 * The PDF fixtures are what they claim to be, read with pdf-parse as the service reads them:
 * text PDFs give back their lines, the CID font needs the CMaps, and the broken ones are broken.
 */
import { describe, expect, it } from 'vitest';
import { encryptedPdf, FIXTURE_PASSWORD, imageOnlyPdf, largeCidPdf, notAPdf, textPdf, truncatedPdf } from './helpers/pdf-fixtures.js';
import { cjkCount, readPdfPages, withoutWhitespace } from './helpers/pdf-read.js';

const PAGES = [
  ['江州市滨江区市场监督管理局', '行政处罚决定书', '滨市监处罚〔2024〕126号', '当事人：江州市鲜达超市有限公司', '罚款人民币壹拾万伍仟伍佰肆拾元整（￥105,540元）。'],
  ['询问笔录', '问：你是否知道所售食品已超过保质期？', '答：知道，我们没有及时下架。', '以上笔录我已看过，与我所说的一致。'],
];

describe.each(['embedded', 'cid'] as const)('textPdf (%s font)', (font) => {
  it('reads back exactly the lines of every page', async () => {
    const pages = await readPdfPages(textPdf(PAGES, { font }));
    expect(pages.map(withoutWhitespace)).toEqual(PAGES.map((lines) => withoutWhitespace(lines.join(''))));
  });

  it('wraps a long line instead of cutting it off', async () => {
    const long = '当事人应当自收到本决定书之日起十五日内缴纳罚款，到期不缴纳的，每日按罚款数额的百分之三加处罚款。'.repeat(4);
    const [page] = await readPdfPages(textPdf([[long]], { font }));
    expect(withoutWhitespace(page ?? '')).toBe(long);
  });
});

describe('the CMap trap', () => {
  it('yields no Chinese text from the CID font when cMapUrl is not given', async () => {
    const pages = await readPdfPages(textPdf(PAGES, { font: 'cid' }), { cmaps: false });
    expect(pages).toHaveLength(2);
    expect(pages.map(cjkCount)).toEqual([0, 0]);
  });

  it('still reads the embedded font without CMaps', async () => {
    const pages = await readPdfPages(textPdf(PAGES, { font: 'embedded' }), { cmaps: false });
    expect(withoutWhitespace(pages[1] ?? '')).toBe(withoutWhitespace(PAGES[1]!.join('')));
  });
});

describe('broken and unusual files', () => {
  it('encryptedPdf refuses to open without the password, and opens with it', async () => {
    await expect(readPdfPages(encryptedPdf())).rejects.toMatchObject({ name: 'PasswordException' });
    const [page] = await readPdfPages(encryptedPdf(), { password: FIXTURE_PASSWORD });
    expect(withoutWhitespace(page ?? '')).toContain('加密的案卷材料');
  });

  it('truncatedPdf starts like a PDF but has no %%EOF and no trailer', () => {
    const pdf = truncatedPdf();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-1024).includes('%%EOF')).toBe(false);
    expect(pdf.includes('trailer')).toBe(false);
  });

  it('imageOnlyPdf is a valid PDF with pages but no text layer', async () => {
    const pages = await readPdfPages(imageOnlyPdf(3));
    expect(pages).toHaveLength(3);
    expect(pages.map(withoutWhitespace)).toEqual(['', '', '']);
  });

  it('notAPdf is not a PDF', async () => {
    const bytes = notAPdf();
    expect(bytes.subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
    await expect(readPdfPages(bytes)).rejects.toMatchObject({ name: 'InvalidPDFException' });
  });
});

describe('largeCidPdf', () => {
  it('has the requested number of pages, each with 600–1000 Chinese characters', async () => {
    const pdf = largeCidPdf(120);
    const pages = await readPdfPages(pdf, { pages: [1, 60, 120] });
    expect(pages).toHaveLength(3);
    for (const text of pages) {
      expect(cjkCount(text)).toBeGreaterThanOrEqual(600);
      expect(cjkCount(text)).toBeLessThanOrEqual(1000);
    }
    expect(withoutWhitespace(pages[2] ?? '')).toContain('第120页共120页');
  });

  it('defaults to 400 pages', async () => {
    const pdf = largeCidPdf();
    const text = pdf.toString('latin1');
    expect(text).toContain('/Count 400 ');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });
});
