import type { Config } from '../platform/config/config.js';
import { buildWebApp, openPlatform, startJobRunner } from './compose.js';

/** `hygie serve`: migrate, start the job runner (unless disabled) and listen until a signal. */
export async function serve(config: Config, options: { jobs: boolean }): Promise<void> {
  const started = Date.now();
  const opened = await openPlatform(config);
  const app = await buildWebApp(opened.platform);
  const runner = options.jobs ? await startJobRunner(opened.platform) : null;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  opened.platform.log.info(
    { url, dialect: opened.handle.dialect, startupMs: Date.now() - started },
    'Hygie portal listening',
  );
  console.log(`Hygie portal: ${url}  (database: ${opened.handle.dialect})`);

  const stop = async (signal: string) => {
    opened.platform.log.info({ signal }, 'stopping');
    await app.close();
    await runner?.stop();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
