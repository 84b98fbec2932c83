/** `pingcha migrate`: brings the database schema up to date. */
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';

export async function runMigrateCommand(config: Config): Promise<number> {
  const db = openDatabase(config.databasePath);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length > 0 ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新结构');
    console.log(`数据库：${config.databasePath}`);
    return 0;
  } finally {
    await db.destroy();
  }
}
