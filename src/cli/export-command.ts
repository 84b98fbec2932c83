/**
 * `pingcha export …`: the workbooks of the export API, written to files from the database.
 *
 *   pingcha export score-sheet --case <案卷id> [--out f.xlsx]
 *   pingcha export rectification --campaign <活动id> [--agency <单位id>] [--out f.xlsx]
 *   pingcha export bulletin --campaign <活动id> [--out f.xlsx] [--json]
 *   pingcha export annual --year <年度> [--out f.xlsx] [--json]
 *
 * Without --out the file is named as the API would name it, in the current directory.
 * --json prints the figures (the same as GET …/bulletin and /annual-reports/:year).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { withDatabase } from './with-database.js';
import { AppError } from '../errors.js';
import { annualReportFileName, computeAnnualReport, writeAnnualReport } from '../exports/annual-report.js';
import { bulletinFileName, computeBulletin, loadCampaign, writeBulletin } from '../exports/bulletin.js';
import { rectificationFileName, writeRectificationList } from '../exports/rectification-list.js';
import { loadScoreSheet, scoreSheetFileName, writeScoreSheet } from '../exports/score-sheet.js';

const USAGE = `用法:
  pingcha export score-sheet --case <案卷id> [--out 文件.xlsx]
  pingcha export rectification --campaign <活动id> [--agency <执法单位id>] [--out 文件.xlsx]
  pingcha export bulletin --campaign <活动id> [--out 文件.xlsx] [--json]
  pingcha export annual --year <年度> [--out 文件.xlsx] [--json]`;

/** A file name safe on every file system, from a Chinese title. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_');

export async function runExportCommand(config: Config, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  let values: { case?: string; campaign?: string; agency?: string; year?: string; out?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { case: { type: 'string' }, campaign: { type: 'string' }, agency: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const need = (value: string | undefined, flag: string) => {
    if (!value) throw new AppError(400, 'validation_failed', `缺少 --${flag}\n${USAGE}`);
    return value;
  };
  return withDatabase(config, async (db) => {
    let out: string;
    switch (kind) {
      case 'score-sheet': {
        const id = need(values.case, 'case');
        out = values.out ?? safeName(scoreSheetFileName(await loadScoreSheet(db, id)));
        await writeScoreSheet(db, id, out);
        break;
      }
      case 'rectification': {
        const campaign = await loadCampaign(db, need(values.campaign, 'campaign'));
        const agencyName = values.agency ? (await db.selectFrom('agencies').select('name').where('id', '=', values.agency).executeTakeFirst())?.name : undefined;
        if (values.agency && !agencyName) throw new AppError(404, 'not_found', `执法单位不存在：${values.agency}`);
        out = values.out ?? safeName(rectificationFileName(campaign, agencyName));
        const result = await writeRectificationList(db, campaign.id, out, values.agency ? { agencyId: values.agency } : {});
        console.error(`整改事项 ${result.rows} 条`);
        break;
      }
      case 'bulletin': {
        const campaign = await loadCampaign(db, need(values.campaign, 'campaign'));
        if (values.json && !values.out) {
          console.log(JSON.stringify(await computeBulletin(db, campaign.id), null, 2));
          return 0;
        }
        out = values.out ?? safeName(bulletinFileName(campaign));
        const bulletin = await writeBulletin(db, campaign.id, out);
        if (values.json) console.log(JSON.stringify(bulletin, null, 2));
        break;
      }
      case 'annual': {
        const year = Number(need(values.year, 'year'));
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError(400, 'validation_failed', '--year 应为 2000–2100 的年份');
        if (values.json && !values.out) {
          console.log(JSON.stringify(await computeAnnualReport(db, year), null, 2));
          return 0;
        }
        out = values.out ?? safeName(annualReportFileName(year));
        const figures = await writeAnnualReport(db, year, out);
        if (values.json) console.log(JSON.stringify(figures, null, 2));
        break;
      }
      default:
        console.error(USAGE);
        return 1;
    }
    console.error(`已写出 ${path.resolve(out)}`);
    return 0;
  });
}
