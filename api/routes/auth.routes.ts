import { z } from 'zod';
import type { AuthService } from '../auth/auth.service';
import { ALL_SCOPES, Scope, WILDCARD_SCOPE } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { IsoDateTime, nonBlankText } from '../http/schemas';

// The WHATWG (HTML) rule: what a browser's email field accepts and what format: email generators produce.
const Email = z.email({ pattern: z.regexes.html5Email }).max(254).meta({ example: 'ada@example.com' });
const Password = z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters');

const RegisterBody = z
  .object({ email: Email, password: Password, name: nonBlankText(200).optional() })
  .meta({ id: 'RegisterRequest' });
const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) }).meta({ id: 'LoginRequest' });
const RefreshBody = z.object({ refresh_token: z.string().min(1) }).meta({ id: 'RefreshRequest' });

const TokenAnswer = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ example: 86400 }),
    refresh_token: z.string(),
  })
  .meta({ id: 'TokenResponse' });

const MeAnswer = z
  .object({
    id: z.string().meta({ example: 'user_7K2M9QW4XH8TZ1RB' }),
    email: z.string(),
    name: z.string().nullable(),
    tier: z.enum(['free', 'pro', 'team', 'enterprise']),
    subscription: z
      .object({ id: z.string(), status: z.string(), current_period_end: IsoDateTime, cancel_at_period_end: z.boolean() })
      .nullable(),
    usage: z.object({
      requests_this_month: z.number().int().meta({ description: 'Agent runs charged this usage period: the paid subscription\'s billing period, else the calendar month (UTC)' }),
      requests_limit: z.number().int().nullable().meta({ description: 'null = unlimited' }),
      storage_used_bytes: z.number().int(),
      storage_limit_bytes: z.number().int().nullable(),
    }),
    created_at: IsoDateTime,
  })
  .meta({ id: 'Me' });

const ScopeName = z.enum([WILDCARD_SCOPE, ...ALL_SCOPES]);
const CreateKeyBody = z
  .object({
    name: nonBlankText(100),
    scopes: z.array(ScopeName).min(1).max(ALL_SCOPES.length + 1).optional().meta({ description: 'Default ["*"]: everything the creator may do' }),
  })
  .meta({ id: 'CreateApiKeyRequest' });
const ApiKeyListed = z.object({
  id: z.string().meta({ example: 'key_7K2M9QW4XH8TZ1RB' }),
  name: z.string(),
  prefix: z.string().meta({ example: 'codex_sk_live_a1B2c3D4' }),
  scopes: z.array(z.string()),
  created_at: IsoDateTime,
  last_used_at: IsoDateTime.nullable(),
});
const CreatedKey = z
  .object({
    id: z.string(),
    name: z.string(),
    key: z.string().meta({ description: 'The whole key. Shown this once; only its hash is stored.' }),
    prefix: z.string(),
    scopes: z.array(z.string()),
    created_at: IsoDateTime,
  })
  .meta({ id: 'CreatedApiKey' });

export function registerAuthRoutes(routes: ApiRoutes, auth: AuthService): void {
  const tag = 'Authentication';

  routes.add({
    method: 'post',
    path: '/v1/auth/register',
    operationId: 'register',
    tag,
    summary: 'Create an account',
    auth: false,
    anonymousLimit: { email: (body) => body.email },
    body: RegisterBody,
    response: { status: 201, schema: TokenAnswer, description: 'Account created; tokens as from login' },
    errors: ['CONFLICT'],
    handler: ({ body }) => auth.register(body),
  });

  routes.add({
    method: 'post',
    path: '/v1/auth/login',
    operationId: 'login',
    tag,
    summary: 'Exchange email and password for tokens',
    auth: false,
    anonymousLimit: { email: (body) => body.email },
    body: LoginBody,
    response: { schema: TokenAnswer, description: 'Access and refresh tokens' },
    errors: ['UNAUTHORIZED'],
    handler: ({ body }) => auth.login(body),
  });

  routes.add({
    method: 'post',
    path: '/v1/auth/refresh',
    operationId: 'refreshTokens',
    tag,
    summary: 'Rotate a refresh token',
    description: 'Returns a new access token and a new refresh token. Reusing a rotated refresh token revokes the whole session.',
    auth: false,
    anonymousLimit: {},
    body: RefreshBody,
    response: {
      schema: TokenAnswer.extend({}).meta({ id: 'RefreshResponse' }),
      description: 'New tokens; the presented refresh token stops working',
    },
    errors: ['UNAUTHORIZED'],
    handler: ({ body }) => auth.refresh(body.refresh_token),
  });

  routes.add({
    method: 'post',
    path: '/v1/auth/logout',
    operationId: 'logout',
    tag,
    summary: 'End the session of the presented access token',
    description: 'With an API key there is no session to end: 403 (revoke the key instead).',
    response: {
      schema: z.object({ success: z.literal(true), message: z.string() }),
      description: 'The access token and its refresh token stop working',
    },
    errors: ['FORBIDDEN'],
    handler: async ({ principal }) => {
      await auth.logout(principal);
      return { success: true as const, message: 'Logged out successfully' };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/auth/me',
    operationId: 'getMe',
    tag,
    summary: 'The caller, their subscription and usage',
    response: { schema: MeAnswer, description: 'The authenticated user' },
    handler: ({ principal }) => auth.me(principal),
  });

  routes.add({
    method: 'post',
    path: '/v1/auth/api-keys',
    operationId: 'createApiKey',
    tag,
    summary: 'Create an API key',
    scope: Scope.apiKeysWrite,
    body: CreateKeyBody,
    response: {
      status: 201,
      schema: CreatedKey,
      description: 'The key, shown this once',
      links: { RevokeApiKey: { operationId: 'revokeApiKey', parameters: { id: '$response.body#/id' }, description: 'Revoke the key' } },
    },
    errors: ['FORBIDDEN'],
    handler: ({ principal, body }) => auth.createApiKey(principal, body),
  });

  routes.add({
    method: 'get',
    path: '/v1/auth/api-keys',
    operationId: 'listApiKeys',
    tag,
    summary: "List the caller's API keys",
    scope: Scope.apiKeysRead,
    response: { schema: z.object({ api_keys: z.array(ApiKeyListed) }), description: 'Keys by prefix; never the key' },
    errors: ['FORBIDDEN'],
    handler: ({ principal }) => auth.listApiKeys(principal),
  });

  routes.add({
    method: 'delete',
    path: '/v1/auth/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag,
    summary: 'Revoke an API key',
    scope: Scope.apiKeysWrite,
    params: z.object({ id: z.string().min(1).meta({ description: "An API key ID (key_…); anything that names none of the caller's keys is 404" }) }),
    response: { schema: z.object({ success: z.literal(true), id: z.string() }), description: 'The key stops working at once' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async ({ principal, params }) => {
      await auth.revokeApiKey(principal, params.id);
      return { success: true as const, id: params.id };
    },
  });
}
