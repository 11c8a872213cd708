import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp column: Date when read, Date or ISO string when written, defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const Tier = { free: 'free', pro: 'pro', team: 'team', enterprise: 'enterprise' } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  /** scrypt hash (see api/auth/passwords.ts); null for users known only through OIDC. */
  password_hash: string | null;
  email_verified: Generated<boolean>;
  tier: Generated<Tier>;
  /** `iss|sub` of an external OIDC identity mapped to this user. */
  external_subject: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  tier: Tier;
  status: string;
  billing_cycle: Generated<string>;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  cancel_at_period_end: Generated<boolean>;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AuthSessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  id: string;
  session_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface RevokedTokensTable {
  jti: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** The key's first characters, shown in listings and used to find the row. */
  prefix: string;
  /** SHA-256 (hex) of the whole key; keys carry enough entropy that no slow hash is needed. */
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface UsageEventsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  quantity: Generated<number>;
  subject_id: string | null;
  created_at: CreatedAt;
}

export interface BlobsTable {
  id: string;
  user_id: string;
  content_type: string;
  byte_size: ColumnType<string, number | string, never>;
  sha256: string;
  data: Buffer;
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  subscriptions: SubscriptionsTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  revoked_tokens: RevokedTokensTable;
  api_keys: ApiKeysTable;
  usage_events: UsageEventsTable;
  blobs: BlobsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Subscription = Selectable<SubscriptionsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type AuthSession = Selectable<AuthSessionsTable>;
export type RefreshToken = Selectable<RefreshTokensTable>;
