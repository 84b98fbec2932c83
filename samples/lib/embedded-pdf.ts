/**
 * The same page model as cid-pdf.ts, drawn with pdfkit in Noto Sans Hans (embedded as a
 * subset with ToUnicode, so any extractor reads it without CMaps).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { A4, placePage } from './text-layout.js';
import type { CidPage, CidPdfOptions } from './cid-pdf.js';

// The package exports only its JS entry, so the font files are found next to it.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const REGULAR_FONT = join(fontDir, 'NotoSansHans-Regular.otf');

export interface EmbeddedPdfOptions extends CidPdfOptions {
  /** pdfkit encryption: a user password makes readers ask for it before opening. */
  userPassword?: string;
  ownerPassword?: string;
}

/** pdfkit stamps the current time into /CreationDate (and the file /ID) unless told otherwise. */
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

export function buildEmbeddedPdf(pages: readonly CidPage[], options: EmbeddedPdfOptions = {}): Buffer {
  if (pages.length === 0) throw new Error('buildEmbeddedPdf: at least one page is required');
  const encrypted = options.userPassword !== undefined || options.ownerPassword !== undefined;
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margin: 0,
    autoFirstPage: false,
    pdfVersion: encrypted ? '1.7' : '1.4',
    userPassword: options.userPassword,
    ownerPassword: options.ownerPassword,
    info: {
      ...(options.title ? { Title: options.title } : {}),
      ...(options.author ? { Author: options.author } : {}),
      Producer: options.producer ?? 'pingcha samples',
      Creator: options.producer ?? 'pingcha samples',
      CreationDate: options.creationDate ?? FIXED_DATE,
    },
  });
  // One weight only: each embedded subset costs tens of kilobytes, so bold is drawn by also
  // stroking the outlines, as cid-pdf.ts does.
  doc.font(REGULAR_FONT);

  for (const page of pages) {
    doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    for (const run of placePage(page)) {
      doc
        .fontSize(run.size)
        .lineWidth(run.size / 30)
        .text(run.text, run.x, A4.height - run.y, { lineBreak: false, baseline: 'alphabetic', fill: true, stroke: run.bold });
    }
  }
  doc.end();
  // pdfkit pushes every chunk into its readable buffer synchronously; nothing is flowing yet,
  // so one read() returns the whole file without waiting for stream events.
  const bytes = doc.read() as Buffer | null;
  if (!bytes) throw new Error('buildEmbeddedPdf: pdfkit produced no output');
  return bytes;
}
