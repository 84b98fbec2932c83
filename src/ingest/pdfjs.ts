/**
 * pdf.js for this thread: loaded once, opened with CMaps always, and without the costs that
 * are not text extraction's. Used by pdf-text.ts only (worker threads and the CLI).
 *
 * - pdfjs-dist is pdf-parse's own dependency: it is resolved from there, so the version is the
 *   one pdf-parse was released with.
 * - The "legacy" build is the one that runs on Node 20 (the modern one needs DOMMatrix and
 *   Promise.withResolvers, which Node 20 lacks). Its core-js polyfills replace two natives that
 *   Node already has, with slower JavaScript for edge cases we never hit: Array.prototype.push
 *   (for arrays longer than 2³² − 1) and JSON.parse (the reviver's source text). They slow
 *   every push and parse in the thread, pdf.js's own and ours, by about 10 % of extraction
 *   time; the natives are put back once both halves of pdf.js are loaded.
 * - The worker half is loaded here, up front, so that the natives can be restored after it
 *   too, and each document gets its own worker-half handler on an InThreadPort (pdf.js's
 *   public PDFWorker({ port }) route) instead of the "fake worker", whose port copies every
 *   message with structuredClone (in-thread-port.ts).
 * - CMap and standard-font files are read once per thread and kept in memory (a few dozen KB
 *   each): pdf.js would otherwise read them again for every document.
 * - pdf.js's worker half is patched at install (patches/pdfjs-dist+5.4.296.patch, applied by
 *   patch-package in `postinstall`; each change is commented "pingcha patch" in place):
 *   built-in CMaps (UniGB-UCS2-H and the like) are parsed once per thread instead of once per
 *   document, so are the Unicode and glyph maps derived from them; the per-glyph text
 *   transform is computed with scalars (no megamorphic shared helper, and no new arrays per
 *   glyph where six were); and the latest page's getTextContent closures are kept, so that V8 does
 *   not drop their optimized code at each full GC and compile it again. The text items
 *   (strings, matrices, sizes) are identical to unpatched pdf.js on every sample PDF
 *   (tests/pdfjs-patch.test.ts) and on the 20,068 benchmark pages (docs/performance.md).
 *   Without the patch (an install with --ignore-scripts) everything works, only slower.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InThreadPort } from './in-thread-port.js';

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(createRequire(require.resolve('pdf-parse')).resolve('pdfjs-dist/package.json'));

export const PDFJS_RESOURCES = Object.freeze({
  cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
  standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
});

const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;
const pdfjs = (await import(pathToFileURL(path.join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as typeof PdfjsModule;
/** pdf.js's worker half, the file patches/ changes. */
export const PDFJS_WORKER_FILE = path.join(pdfjsDir, 'legacy/build/pdf.worker.mjs');
const pdfjsWorker = (await import(pathToFileURL(PDFJS_WORKER_FILE).href)) as {
  WorkerMessageHandler: { initializeFromPort(port: InThreadPort): void };
};
if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true });
if (JSON.parse !== nativeJsonParse) JSON.parse = nativeJsonParse;

export type PdfDocument = PdfjsModule.PDFDocumentProxy;

const resourceFiles = new Map<string, Promise<Uint8Array>>();

/** A resource file's bytes, read once per thread. pdf.js checks names against its own list before asking. */
function readResource(file: string): Promise<Uint8Array> {
  let bytes = resourceFiles.get(file);
  if (!bytes) {
    bytes = fs.readFile(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    bytes.catch(() => resourceFiles.delete(file));
    resourceFiles.set(file, bytes);
  }
  return bytes;
}

/** pdf.js's CMapReaderFactory interface, reading from memory. The bytes are copied to the worker half, never transferred. */
class CachedCMapReaderFactory {
  constructor(private readonly options: { baseUrl: string | null; isCompressed: boolean }) {}

  async fetch({ name }: { name: string }) {
    if (!this.options.baseUrl) throw new Error('cMapUrl is not set');
    const file = this.options.baseUrl + name + (this.options.isCompressed ? '.bcmap' : '');
    return { cMapData: await readResource(file), isCompressed: this.options.isCompressed };
  }
}

/** pdf.js's StandardFontDataFactory interface, reading from memory. */
class CachedStandardFontDataFactory {
  constructor(private readonly options: { baseUrl: string | null }) {}

  async fetch({ filename }: { filename: string }) {
    if (!this.options.baseUrl) throw new Error('standardFontDataUrl is not set');
    return readResource(this.options.baseUrl + filename);
  }
}

/**
 * Opens a PDF. CMaps and standard-font data are always passed: without them a Chinese font that
 * is not embedded (STSong-Light with UniGB-UCS2-H, common in government PDFs) yields empty text
 * with no error at all (stack-notes §3.4). Call `close` when done, whether or not it opened.
 */
export function openPdf(data: Uint8Array): { document: Promise<PdfDocument>; close: () => Promise<void> } {
  // pdf.js's worker half on this thread, over a port that copies messages cheaply (in-thread-port.ts).
  const port = new InThreadPort();
  pdfjsWorker.WorkerMessageHandler.initializeFromPort(port);
  const worker = new pdfjs.PDFWorker({ port: port as never });
  const task = pdfjs.getDocument({
    data,
    worker,
    cMapUrl: PDFJS_RESOURCES.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: PDFJS_RESOURCES.standardFontDataUrl,
    CMapReaderFactory: CachedCMapReaderFactory,
    StandardFontDataFactory: CachedStandardFontDataFactory,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
  });
  return {
    document: task.promise,
    close: async () => {
      await task.destroy().catch(() => undefined);
      // A worker passed in is the caller's to destroy.
      worker.destroy();
      port.terminate();
    },
  };
}
