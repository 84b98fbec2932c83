/** A one-line progress bar for terminals: files done of total, and pages of the current file. */
import type { WriteStream } from 'node:tty';

export function createProgressBar(out: WriteStream, fileCount: number) {
  const width = 24;
  return {
    update(fileIndex: number, name: string, pagesDone: number, pagesTotal: number) {
      const fraction = (fileIndex + (pagesTotal > 0 ? pagesDone / pagesTotal : 0)) / fileCount;
      const filled = Math.round(fraction * width);
      const pages = pagesTotal > 0 ? ` 第 ${pagesDone}/${pagesTotal} 页` : '';
      out.clearLine(0);
      out.cursorTo(0);
      out.write(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${fileIndex + 1}/${fileCount} ${name}${pages}`);
    },
    finish() {
      out.clearLine(0);
      out.cursorTo(0);
      out.write(`已处理 ${fileCount} 个文件\n`);
    },
  };
}
