/** Permissions an API key (or token) can carry. `*` grants all of them. */
export const Scope = {
  agentsRead: 'agents:read',
  agentsWrite: 'agents:write',
  visualizeRead: 'visualize:read',
  visualizeWrite: 'visualize:write',
  billingRead: 'billing:read',
  billingWrite: 'billing:write',
  apiKeysRead: 'api_keys:read',
  apiKeysWrite: 'api_keys:write',
  /** The admin API's reads and changes (the caller must also have the admin role). */
  adminRead: 'admin:read',
  adminWrite: 'admin:write',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export const ALL_SCOPES = Object.values(Scope) as [Scope, ...Scope[]];
export const WILDCARD_SCOPE = '*';

export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes(WILDCARD_SCOPE) || granted.includes(required);
}
