import type { Config } from '../platform/config/config.js';
import { openPlatform, startJobRunner } from './compose.js';

/** `hygie worker`: runs persisted jobs until SIGINT/SIGTERM; several workers may share a database. */
export async function runWorker(config: Config): Promise<void> {
  const opened = await openPlatform(config);
  const runner = await startJobRunner(opened.platform);
  opened.platform.log.info({ dialect: opened.handle.dialect }, 'Hygie worker started');
  const stop = async () => {
    await runner.stop();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
