/** Starts the HTTP server and shuts it down cleanly on SIGINT/SIGTERM. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ensureFirstAdmin } from './auth/accounts.js';
import type { Config } from './config.js';

export async function startServer(config: Config): Promise<FastifyInstance> {
  const app = await buildApp(config);
  const firstAdmin = await ensureFirstAdmin(app.services.db);
  if (firstAdmin) {
    // Printed once, to the terminal only: the token is never written to the log or the database.
    process.stdout.write(
      [
        '',
        '================================================================',
        ' pingcha 首次启动：已创建管理员账户“管理员”',
        ' 管理员令牌（只显示这一次，请立即妥善保存）：',
        `   ${firstAdmin.token}`,
        ' 用法：curl -H "Authorization: Bearer <令牌>" …',
        '================================================================',
        '',
      ].join('\n') + '\n',
    );
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Jobs in flight stay `running` and are resumed at the next start.
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
  app.log.info(`pingcha API: http://${shownHost}:${port}/api/v1  文档: http://${shownHost}:${port}/docs  数据目录: ${config.dataDir}`);
  return app;
}
