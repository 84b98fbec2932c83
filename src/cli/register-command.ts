/**
 * `pingcha import register <file> --campaign <id> --agency <id> [--dry-run]`: reads an
 * agency's case register (xlsx or csv), validates every row as the API does, and imports all
 * rows into the campaign's register directly in the database — or none, printing each
 * problem with its row, column and value. `--dry-run` only checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import type { ErrorDetail } from '../errors.js';
import { diffChanges } from '../audit/changes.js';
import { findAgency } from '../repositories/agencies.js';
import { insertAuditEvents } from '../repositories/audit-events.js';
import { findCampaign } from '../repositories/campaigns.js';
import { importRegister } from '../registers/register-import.js';
import { MAX_REGISTER_ERRORS } from '../xlsx/register-file.js';

const USAGE = '用法: pingcha import register <台账.xlsx|台账.csv> --campaign <评查活动id> --agency <执法单位id> [--dry-run]';

/** One problem as a line: 第 5 行 立案日期（2023年2月30日）：日期不存在：2023年2月30日 */
export function formatRegisterError(e: ErrorDetail): string {
  const where = e.row !== undefined && e.path !== 'header' ? `第 ${String(e.row)} 行` : e.path === 'header' ? '表头' : '文件';
  const column = typeof e.column === 'string' && e.column !== '（行）' ? ` ${e.column}` : '';
  const value = e.value !== undefined && e.value !== null ? `（${String(e.value)}）` : '';
  return `  ${where}${column}${value}：${e.message}`;
}

export async function runImportCommand(config: Config, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind !== 'register') {
    console.error(USAGE);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { campaign: { type: 'string' }, agency: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    return 1;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.campaign || !values.agency) {
    console.error(USAGE);
    return 1;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`文件不存在：${file}`);
    return 1;
  }
  const campaignId = values.campaign;
  const agencyId = values.agency;
  const dryRun = values['dry-run'] ?? false;

  const db = openDatabase(config.databasePath);
  try {
    await migrateToLatest(db);
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) {
      console.error(`评查活动不存在：${campaignId}`);
      return 1;
    }
    if (campaign.status === 'closed') {
      console.error(`评查活动已结束，不能再导入案件台账：${campaign.name}`);
      return 1;
    }
    const agency = await findAgency(db, agencyId);
    if (!agency) {
      console.error(`执法单位不存在：${agencyId}`);
      return 1;
    }

    const { result, record: imported } = await importRegister(
      db,
      fs.createReadStream(file),
      { campaignId, agencyId, fileName: path.basename(file), importedBy: null },
      (trx, record, read) =>
        insertAuditEvents(trx, [
          {
            actor: null,
            requestId: null,
            action: 'register.import_cli',
            entityType: 'register_import',
            entityId: record.id,
            changes: diffChanges(null, { campaignId, agencyId, fileName: record.fileName, format: read.format, rowCount: record.rowCount }),
          },
        ]),
      { dryRun },
    );
    if (result.errors.length > 0) {
      const more = result.truncated ? `（仅列出前 ${MAX_REGISTER_ERRORS} 处）` : '';
      console.error(result.fatal ? `无法导入 ${path.basename(file)}：` : `${path.basename(file)}：${result.errors.length} 处错误${more}，未导入任何案件`);
      for (const e of result.errors) console.error(formatRegisterError(e));
      return 1;
    }
    if (!imported) {
      console.log(`检查通过（未导入，--dry-run）：${result.entryCount} 件案件，${agency.name}，${campaign.name}`);
      return 0;
    }
    console.log(`已导入 ${imported.rowCount} 件案件：${agency.name} → ${campaign.name}（导入记录 ${imported.id}）`);
    return 0;
  } finally {
    await db.destroy();
  }
}
