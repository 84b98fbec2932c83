/**
 * `pingcha sample --campaign <id> (--count N | --percent P) [--minimum M] [--seed S]
 * [--reviewers-per-file 1|2] [--assign] [--xlsx 名单.xlsx] [--json]`: draws case files from the
 * campaign's registers directly in the database (the same code as POST
 * /campaigns/{id}/samplings), prints the 抽查名单 and the seed, and records everything in the
 * audit trail (actor: none, action 'sampling.draw' …).
 */
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { writeSamplingList } from '../api/routes/samplings.js';
import { diffChanges } from '../audit/changes.js';
import type { Config } from '../config.js';
import { withDatabase } from './with-database.js';
import { CASE_TYPES, type CaseType } from '../domain/case-file.js';
import { insertAuditEvents } from '../repositories/audit-events.js';
import { findCampaign } from '../repositories/campaigns.js';
import type { DrawMode } from '../sampling/draw.js';
import { runSampling } from '../sampling/run-sampling.js';
import { SchemeStore } from '../scoring/scheme-store.js';

const USAGE =
  '用法: pingcha sample --campaign <评查活动id> (--count <每单位件数> | --percent <每单位比例>) [--minimum <每单位至少件数，默认1>] [--seed <随机种子>] [--reviewers-per-file <1|2>] [--assign] [--xlsx <名单.xlsx>] [--json]';

/** Only errors reach the console: the CLI has no request log. */
function consoleLogger(): FastifyBaseLogger {
  const noop = () => undefined;
  const logger = {
    level: 'error',
    fatal: (obj: unknown, msg?: string) => console.error(msg ?? obj),
    error: (obj: unknown, msg?: string) => console.error(msg ?? obj),
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}

function fail(message: string): number {
  console.error(message);
  console.error(USAGE);
  return 1;
}

export async function runSampleCommand(config: Config, args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        campaign: { type: 'string' },
        count: { type: 'string' },
        percent: { type: 'string' },
        minimum: { type: 'string' },
        seed: { type: 'string' },
        'reviewers-per-file': { type: 'string' },
        assign: { type: 'boolean', default: false },
        xlsx: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const campaignId = values.campaign;
  if (!campaignId) return fail('缺少 --campaign');
  if ((values.count === undefined) === (values.percent === undefined)) return fail('须指定 --count 或 --percent 之一');
  let mode: DrawMode;
  if (values.count !== undefined) {
    const n = Number(values.count);
    if (!Number.isInteger(n) || n < 1) return fail(`--count 应为正整数：${values.count}`);
    mode = { kind: 'count', perAgency: n };
  } else {
    const p = Number(values.percent);
    if (!Number.isFinite(p) || p <= 0 || p > 100) return fail(`--percent 应在 0（不含）到 100 之间：${values.percent}`);
    mode = { kind: 'percent', percent: p };
  }
  const minimum = values.minimum === undefined ? 1 : Number(values.minimum);
  if (!Number.isInteger(minimum) || minimum < 0) return fail(`--minimum 应为非负整数：${values.minimum}`);
  const perFileText = values['reviewers-per-file'] ?? '1';
  if (perFileText !== '1' && perFileText !== '2') return fail(`--reviewers-per-file 应为 1 或 2：${perFileText}`);
  const seed = values.seed?.trim();
  if (values.seed !== undefined && !seed) return fail('--seed 不能为空');

  return withDatabase(config, async (db) => {
    const schemes = await SchemeStore.open(db, config.schemesDir, consoleLogger());
    const sampling = await runSampling(
      db,
      schemes,
      { campaignId, seed, mode, minimumPerAgency: minimum, reviewersPerFile: perFileText === '2' ? 2 : 1, assign: values.assign ?? false, createdBy: null },
      (trx, event) =>
        insertAuditEvents(trx, [{ actor: null, requestId: null, action: event.action, entityType: event.entityType, entityId: event.entityId, changes: diffChanges(event.before ?? null, event.after ?? null) }]),
    );
    const campaign = await findCampaign(db, sampling.campaignId);
    if (values.xlsx) {
      const out = fs.createWriteStream(values.xlsx);
      await writeSamplingList(sampling, campaign?.name ?? '', sampling.result.items, out);
      await finished(out);
    }
    if (values.json) {
      console.log(JSON.stringify({ id: sampling.id, seed: sampling.seed, params: sampling.params, agencies: sampling.result.agencies, items: sampling.result.items }, null, 2));
      return 0;
    }
    console.log(`${campaign?.name ?? ''}抽查名单`);
    console.log(`抽查记录 id=${sampling.id}　随机种子：${sampling.seed}　可抽 ${sampling.result.eligibleEntryIds.length} 件，抽取 ${sampling.result.items.length} 件`);
    for (const a of sampling.result.agencies) {
      const strata = a.strata.map((s) => `${CASE_TYPES[s.caseType as CaseType] ?? s.caseType} ${s.drawn}/${s.available}`).join('，');
      console.log(`  ${a.agencyName}：${a.quota}/${a.available}（${strata}）`);
    }
    console.log(['序号', '执法单位', '案号', '案由', '案件类型', '当事人', '结案日期', '评查人员'].join('\t'));
    for (const i of sampling.result.items) {
      console.log(
        [i.index, i.agencyName, i.caseNumber, i.cause, CASE_TYPES[i.caseType as CaseType] ?? i.caseType, i.partyName, i.closedOn ?? '', i.reviewers.map((r) => r.name).join('、')].join('\t'),
      );
    }
    if (values.xlsx) console.log(`名单已写入 ${values.xlsx}`);
    return 0;
  });
}
