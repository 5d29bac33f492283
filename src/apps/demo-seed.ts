import type { ServiceContext } from '../platform/context.js';
import { createUser, listUsers } from '../modules/accounts/index.js';
import { seedDemoConstituency } from '../modules/registry/index.js';

/** E-mail of the demo administrator. */
export const DEMO_ADMIN_EMAIL = 'admin@hygie.test';

/**
 * `hygie demo seed`: a plausible invented constituency and one administrator whose one-time
 * password is printed once (it must be changed at first login, and TOTP enrolled).
 */
export async function seedDemo(
  ctx: ServiceContext,
  options: { ifEmpty: boolean; json: boolean },
): Promise<void> {
  const existing = await listUsers(ctx, { pageSize: 1 });
  if (options.ifEmpty && existing.total > 0) {
    if (options.json) console.log(JSON.stringify({ seeded: false, reason: 'users already exist' }));
    else console.log('Demo data: users already exist, nothing seeded.');
    return;
  }
  const constituency = await seedDemoConstituency(ctx);
  const { oneTimePassword } = await createUser(ctx, {
    email: DEMO_ADMIN_EMAIL,
    firstName: 'Camille',
    lastName: 'Administratrice',
    role: 'admin',
  });
  if (options.json) {
    const { groups, structures, contacts, domains, networks } = constituency;
    const counts = { groups: groups.length, structures: structures.length, contacts, domains, networks };
    console.log(
      JSON.stringify({
        seeded: true,
        constituency: counts,
        admin: { email: DEMO_ADMIN_EMAIL, oneTimePassword },
      }),
    );
    return;
  }
  console.log(
    constituency.created
      ? `Demo constituency: ${constituency.groups.length} GHT, ${constituency.structures.length} structures, ` +
          `${constituency.contacts} contacts, ${constituency.domains} domains, ${constituency.networks} networks.`
      : 'Demo constituency: structures already exist, left as they are.',
  );
  console.log('');
  console.log('  Administrator account (shown once — note it now):');
  console.log(`    e-mail:            ${DEMO_ADMIN_EMAIL}`);
  console.log(`    one-time password: ${oneTimePassword}`);
  console.log('  At first login you choose a new password and enrol a TOTP authenticator app.');
  console.log('');
}
