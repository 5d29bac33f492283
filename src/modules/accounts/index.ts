import type { HygieModule } from '../../platform/module.js';
import { registerAccountPages } from './account.pages.js';
import { registerAccountsCli } from './accounts.cli.js';
import { AccountsErrors } from './accounts.errors.js';
import { registerAccountsRoutes } from './accounts.routes.js';
import { registerLoginPages } from './login.pages.js';
import { registerUsersPages } from './users.pages.js';

export { createActorResolver } from './actor.resolver.js';
export { AccountsErrors } from './accounts.errors.js';
export { SESSION_COOKIE } from './session.service.js';
export {
  createUser,
  disableUser,
  enableUser,
  getUser,
  getUserByEmail,
  issueOneTimePassword,
  listUsers,
  resetUserTotp,
  updateUser,
} from './user.service.js';
export { createApiToken, revokeApiToken } from './api-token.service.js';
export type { ApiToken, CreateApiTokenInput, CreateUserInput, Role, UpdateUserInput, User, UserFilter, UserStatus } from './accounts.types.js';

/** The accounts module: users and roles, login with TOTP, sessions, password reset, API tokens. */
export const accountsModule: HygieModule = {
  name: 'accounts',
  routes: (app) => {
    registerAccountsRoutes(app);
    registerLoginPages(app);
    registerAccountPages(app);
    registerUsersPages(app);
  },
  nav: [{ href: '/admin/users', label: { fr: 'Utilisateurs', en: 'Users' }, audience: ['admin'], order: 80 }],
  cli: registerAccountsCli,
  errors: AccountsErrors,
};
