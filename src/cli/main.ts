/**
 * The `pingcha` command: serve, migrate, extract. Each command lives in its own module;
 * this file only dispatches.
 */
import '../zod-locale.js';
import { ConfigError, loadConfig } from '../config.js';
import { runExtractCommand } from './extract-command.js';
import { runMigrateCommand } from './migrate-command.js';
import { runSchemeCommand } from './scheme-command.js';
import { runUserCommand } from './user-command.js';
import { runScoreCommand } from './score-command.js';
import { runCheckCommand } from './check-command.js';
import { runImportCommand } from './register-command.js';
import { runSampleCommand } from './sample-command.js';
import { runExportCommand } from './export-command.js';
import { startServer } from '../server.js';
import { applyRuntimeV8Flags } from '../runtime/v8-tuning.js';

const USAGE = `用法: pingcha <命令> [选项]

命令:
  serve                     启动 API 服务（默认 http://127.0.0.1:3000，文档 /docs）
  migrate                   执行数据库迁移
  extract <pdf…> [--json]   抽取 PDF 文字并识别卷内文书（离线，不写数据库）
  user add --role <admin|reviewer|agency> --name <姓名> [--agency <id>] [--affiliation <机构>]
                            新建用户并打印其令牌（只显示一次）
  check <pdf…> [--case-type T] [--scheme ID] [--meta case.json] [--json]
                            离线机检：文书识别、要素抽取、规则检查和预评分
  import register <file> --campaign <id> --agency <id> [--dry-run]
                            导入案件台账（xlsx 或 csv，全部成功或全部不导入）
  sample --campaign <id> (--count N | --percent P) [--minimum M] [--seed S] [--reviewers-per-file 2] [--assign]
                            从台账随机抽取案卷（可复现），并随机分配评查人员
  export score-sheet --case <id> | rectification --campaign <id> [--agency <id>] | bulletin --campaign <id> | annual --year <y>  [--out f]
                            导出评查表、整改清单、通报表、年度报告（xlsx）
  score --scheme <id|file> --case <case.json> --findings <findings.json> [--json]
                            按评查标准离线计算得分并说明扣分理由
  scheme <validate|export|import|json-schema|list> …
                            评查标准：校验、导出/导入 Excel 表、生成 JSON Schema、列出内置标准

配置通过环境变量：PORT、HOST、DATA_DIR、DATABASE_PATH、UPLOAD_MAX_FILE_BYTES、
UPLOAD_MAX_FILES、BODY_LIMIT_BYTES、EXTRACT_WORKERS、EXTRACT_TIMEOUT_MS、LOG_LEVEL（见 README）。`;

async function main(argv: string[]): Promise<number> {
  applyRuntimeV8Flags();
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await startServer(loadConfig());
      return -1; // keep running
    case 'migrate':
      return runMigrateCommand(loadConfig());
    case 'extract':
      return runExtractCommand(rest);
    case 'scheme':
      return runSchemeCommand(rest);
    case 'user':
      return runUserCommand(loadConfig(), rest);
    case 'score':
      return runScoreCommand(rest);
    case 'check':
      return runCheckCommand(rest);
    case 'import':
      return runImportCommand(loadConfig(), rest);
    case 'sample':
      return runSampleCommand(loadConfig(), rest);
    case 'export':
      return runExportCommand(loadConfig(), rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`未知命令：${command}\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);
