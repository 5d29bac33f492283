import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import { sendDigests } from './digest.service.js';

/**
 * `hygie digest send`: one pass of the digest job now. The due subscriptions get their digests
 * queued in the outbox, which the `mail.send-outbox` job of `hygie serve` / `hygie worker` sends.
 */
export function registerDigestCli(program: Command, open: OpenCliRuntime): void {
  const digest = program.command('digest').description('Vulnerability digests of the subscriptions (private space)');
  digest
    .command('send')
    .description('Evaluate the subscriptions that are due and queue their digests in the outbox (what the 15-minute job does)')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const runtime = await open();
      try {
        const report = await sendDigests(runtime.platform);
        if (options.json) console.log(JSON.stringify(report));
        else console.log(`${report.due} subscription(s) due: ${report.sent} digest(s) queued with ${report.cves} CVE(s), ${report.skipped} skipped (owner disabled), ${report.lost} evaluated by another run`);
      } catch (error) {
        if (!(error instanceof HygieError)) throw error;
        console.error(`${error.code}: ${error.message}`);
        process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
}
