import { Type } from '@sinclair/typebox';
import type { HttpApp } from '../../platform/http/server.js';
import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { ApiToken, User } from './accounts.types.js';
import {
  ApiTokenListSchema,
  ApiTokenSchema,
  CreateApiTokenBodySchema,
  CreatedApiTokenSchema,
  CreatedUserSchema,
  CreateUserBodySchema,
  IdParamsSchema,
  UpdateUserBodySchema,
  UserPageSchema,
  UserQuerySchema,
  UserSchema,
} from './accounts.schemas.js';
import { createApiToken, listOwnApiTokens, revokeApiToken } from './api-token.service.js';
import { createUser, getOwnAccount, getUser, listUsers, updateUser } from './user.service.js';

/** Fields of a token that API answers carry (the owner is the caller or implied). */
function tokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

function userView(user: User) {
  return { ...user, structureIds: [...user.structureIds] };
}

/** JSON API of accounts: users (admin), the caller's own account, API tokens. */
export function registerAccountsRoutes(app: HttpApp): void {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List accounts, filtered by role, status and words (admin)',
        querystring: UserQuerySchema,
        response: { 200: UserPageSchema, ...StandardErrors },
      },
    },
    async (request) => {
      const page = await listUsers(request.ctx, request.query);
      return { ...page, items: page.items.map(userView) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account; the answer carries its one-time password, shown once (admin)',
        body: CreateUserBodySchema,
        response: { 201: CreatedUserSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const { user, oneTimePassword } = await createUser(request.ctx, request.body);
      return reply.status(201).send({ user: userView(user), oneTimePassword });
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One account (admin, or the account itself)',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...StandardErrors },
      },
    },
    async (request) => userView(await getUser(request.ctx, request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change an account: names, phone, language, role, structures, status (admin)',
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...StandardErrors },
      },
    },
    async (request) => userView(await updateUser(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: "The caller's own account (and, through a token, the token's role in `role`)",
        response: { 200: Type.Object({ user: UserSchema, role: UserSchema.properties.role, apiTokenId: Type.Union([Type.String(), Type.Null()]) }), ...StandardErrors },
      },
    },
    async (request) => {
      const user = await getOwnAccount(request.ctx);
      const actor = request.ctx.actor;
      return {
        user: userView(user),
        role: actor.kind === 'user' ? actor.role : user.role,
        apiTokenId: actor.kind === 'user' ? (actor.apiTokenId ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: "The caller's API tokens (never their secrets)",
        response: { 200: ApiTokenListSchema, ...StandardErrors },
      },
    },
    async (request) => ({ items: (await listOwnApiTokens(request.ctx)).map(tokenView) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token (through a session only); `token` is shown once, only its hash is kept',
        body: CreateApiTokenBodySchema,
        response: { 201: CreatedApiTokenSchema, ...StandardErrors },
      },
    },
    async (request, reply) => {
      const { token, secret } = await createApiToken(request.ctx, request.body);
      return reply.status(201).send({ apiToken: tokenView(token), token: secret });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke an API token (its owner or an admin)',
        params: IdParamsSchema,
        response: { 200: ApiTokenSchema, ...StandardErrors },
      },
    },
    async (request) => tokenView(await revokeApiToken(request.ctx, request.params.id)),
  );
}
