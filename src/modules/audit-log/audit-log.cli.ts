import type { Command } from 'commander';
import type { OpenCliRuntime } from '../../platform/module.js';
import { browseAuditLog } from './audit-log.service.js';

/** `hygie audit-log list`. */
export function registerAuditLogCli(program: Command, open: OpenCliRuntime): void {
  const group = program
    .command('audit-log')
    .description('Read the audit log (every change: who, what, when, from where)');
  group
    .command('list')
    .description('List entries, newest first')
    .option('--action <action>', 'only this action, e.g. registry.create-structure')
    .option('--actor <label>', 'only this actor label (e-mail or cli)')
    .option('--limit <n>', 'how many entries', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { action?: string; actor?: string; limit: string; json?: boolean }) => {
      const runtime = await open();
      try {
        const result = await browseAuditLog(runtime.ctx, {
          action: opts.action,
          actor: opts.actor,
          pageSize: Number(opts.limit),
        });
        if (opts.json) {
          console.log(JSON.stringify(result.entries, null, 2));
          return;
        }
        for (const e of result.entries) {
          console.log(
            `${e.at}  ${e.actorLabel.padEnd(24)}  ${e.action.padEnd(32)}  ${e.objectType} ${e.objectId ?? ''}`,
          );
        }
        console.log(`(${result.entries.length} of ${result.total})`);
      } finally {
        await runtime.close();
      }
    });
}
