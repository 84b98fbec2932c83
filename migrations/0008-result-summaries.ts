/**
 * Exports at scale (issue 7, target 6):
 * - `case_result_summaries`: the compact summary of each finalized result that the bulletin
 *   and the annual report read instead of parsing the frozen snapshot
 *   (src/reviews/result-summary.ts). One row per result and summary format; insert-only, like
 *   the result itself. Existing results are summarized here, from their snapshots; a result
 *   whose snapshot cannot be summarized keeps no row (the exports then read its snapshot, and
 *   report the problem, as before).
 * - An index on case files by campaign, agency and case number: the rectification list walks
 *   an agency's case files in case-number order and joins their items, instead of sorting all
 *   of the agency's items for every page.
 */
import { sql, type Kysely } from 'kysely';
import { storedSummaryOf } from '../src/reviews/result-summary.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_result_summaries')
    .addColumn('result_id', 'text', (c) => c.notNull().references('case_results.id'))
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_result_summaries_pk', ['result_id', 'format'])
    .execute();

  let after = '';
  for (;;) {
    const rows: { id: string; snapshot_json: string; finalized_at: string }[] = await db
      .selectFrom('case_results')
      .select(['id', 'snapshot_json', 'finalized_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    const summaries = [];
    for (const row of rows) {
      try {
        summaries.push(storedSummaryOf({ id: row.id, snapshotJson: row.snapshot_json, finalizedAt: row.finalized_at }));
      } catch {
        // Left to the exports, which derive it from the snapshot (and say what is wrong with it).
      }
    }
    for (let i = 0; i < summaries.length; i += 100) await db.insertInto('case_result_summaries').values(summaries.slice(i, i + 100)).execute();
    if (rows.length < 500) break;
    after = rows[rows.length - 1]!.id;
  }

  await sql`CREATE TRIGGER case_result_summaries_frozen BEFORE UPDATE ON case_result_summaries
    BEGIN SELECT RAISE(ABORT, 'finalized results are immutable'); END`.execute(db);
  await sql`CREATE TRIGGER case_result_summaries_no_delete BEFORE DELETE ON case_result_summaries
    BEGIN SELECT RAISE(ABORT, 'finalized results are immutable'); END`.execute(db);

  await db.schema.createIndex('case_files_campaign_agency_number').on('case_files').columns(['campaign_id', 'agency_id', 'case_number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_files_campaign_agency_number').execute();
  await db.schema.dropTable('case_result_summaries').execute();
}
