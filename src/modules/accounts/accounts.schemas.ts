import { Type, type Static } from '@sinclair/typebox';

const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('analyst'),
  Type.Literal('auditor'),
  Type.Literal('beneficiary'),
  Type.Literal('authority'),
]);
const StatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
const LangSchema = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const IdParam = Type.String({ minLength: 1, maxLength: 64 });

/** An account in API answers (never a secret). */
export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  phone: Nullable(Type.String()),
  role: RoleSchema,
  status: StatusSchema,
  lang: LangSchema,
  passwordExpired: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  structureIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lastLoginAt: Nullable(Type.String()),
});

/** A page of accounts. */
export const UserPageSchema = Type.Object({
  items: Type.Array(UserSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** Query string of the account list (page and API). */
export const UserQuerySchema = Type.Object({
  role: Type.Optional(RoleSchema),
  status: Type.Optional(StatusSchema),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type UserQuery = Static<typeof UserQuerySchema>;

/** Body of `POST /api/v1/users`. */
export const CreateUserBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    structureIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
);

/** Answer of `POST /api/v1/users`: the one-time password appears here once and nowhere else. */
export const CreatedUserSchema = Type.Object({ user: UserSchema, oneTimePassword: Type.String() });

/** Body of `PATCH /api/v1/users/:id`. */
export const UpdateUserBodySchema = Type.Object(
  {
    firstName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    lastName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    role: Type.Optional(RoleSchema),
    structureIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
    status: Type.Optional(StatusSchema),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
);

/** `:id` path parameter. */
export const IdParamsSchema = Type.Object({ id: IdParam });

/** An API token in answers (without its secret). */
export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

/** The acting user's tokens. */
export const ApiTokenListSchema = Type.Object({ items: Type.Array(ApiTokenSchema) });

/** Body of `POST /api/v1/tokens`. */
export const CreateApiTokenBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(RoleSchema),
    expiresAt: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

/** Answer of `POST /api/v1/tokens`: `token` is the secret, shown this once. */
export const CreatedApiTokenSchema = Type.Object({ apiToken: ApiTokenSchema, token: Type.String() });

// ---- HTML forms (extra fields such as `_csrf` are allowed) ----

/** Login form. */
export const LoginFormSchema = Type.Object({
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** TOTP code form (login step and enrolment). */
export const CodeFormSchema = Type.Object({
  code: Type.String({ maxLength: 20 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});

/** `?next=` of the login pages. */
export const NextQuerySchema = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) });

/** Password change form. */
export const PasswordChangeFormSchema = Type.Object({
  currentPassword: Type.String({ maxLength: 1024 }),
  newPassword: Type.String({ maxLength: 1024 }),
  confirmation: Type.String({ maxLength: 1024 }),
});

/** "Forgot password" form. */
export const ForgotFormSchema = Type.Object({ email: Type.String({ maxLength: 320 }) });

/** `?token=` of the reset page. */
export const ResetQuerySchema = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });

/** Reset form. */
export const ResetFormSchema = Type.Object({
  token: Type.String({ maxLength: 200 }),
  newPassword: Type.String({ maxLength: 1024 }),
  confirmation: Type.String({ maxLength: 1024 }),
});

/** Profile form. */
export const ProfileFormSchema = Type.Object({
  firstName: Type.String({ maxLength: 200 }),
  lastName: Type.String({ maxLength: 200 }),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(Type.String({ maxLength: 2 })),
});

/** API token form. */
export const TokenFormSchema = Type.Object({
  name: Type.String({ maxLength: 200 }),
  role: Type.Optional(Type.String({ maxLength: 20 })),
  expiresAt: Type.Optional(Type.String({ maxLength: 40 })),
});

/** Account form of the admin pages (structures: ids separated by commas, spaces or lines). */
export const UserFormSchema = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320 })),
  firstName: Type.String({ maxLength: 200 }),
  lastName: Type.String({ maxLength: 200 }),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  role: Type.String({ maxLength: 20 }),
  structureIds: Type.Optional(Type.String({ maxLength: 20_000 })),
  lang: Type.Optional(Type.String({ maxLength: 2 })),
});
