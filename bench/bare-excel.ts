/** The reference for exports: exceljs's streaming writer writing `rows` rows of 12 cells, no queries. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

export async function bareExcelWrite(rows: number): Promise<number> {
  return (await bareExcelWriteFigure(rows)).ms;
}

/** The same, with the CPU time of the process (all threads) next to the wall time. */
export async function bareExcelWriteFigure(rows: number): Promise<{ ms: number; cpuMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-bare-'));
  const file = path.join(dir, 'bare.xlsx');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('通报');
  for (let i = 0; i < rows; i++) {
    sheet.addRow([i + 1, `基准市第${i % 60}执法局`, `基准罚〔2025〕${i + 1}号`, '销售超过保质期的食品案', '程序', '告知书未载明听证权利', 2, '行政处罚法第四十四条', '逐项整改', '2025-12-31', '待整改', '']).commit();
  }
  sheet.commit();
  await workbook.commit();
  const ms = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}
