import { CodexCloud, type RetryOptions, type Tokens } from '@codex-cloud/sdk';
import { DEFAULT_BASE_URL, readCredentials, writeCredentials, type StoredCredentials } from './config.js';

/** Options every command takes that decide where and as whom it calls. */
export interface ConnectionOptions {
  baseUrl?: string;
}

/** Where the API is: `--base-url`, else CODEX_BASE_URL, else the stored one, else localhost:8080. */
export function baseUrlOf(options: ConnectionOptions, stored: StoredCredentials | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return options.baseUrl ?? env.CODEX_BASE_URL ?? stored?.base_url ?? DEFAULT_BASE_URL;
}

/**
 * A client signed in as the user: CODEX_API_KEY, else what `codex login` stored (an API key, or
 * tokens, which it renews and stores again when the access token has expired).
 * @throws Error when there are no credentials: run `codex login`.
 */
export async function signedInClient(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env, retry: RetryOptions = {}): Promise<CodexCloud> {
  const stored = await readCredentials(env);
  const baseUrl = baseUrlOf(options, stored, env);
  if (env.CODEX_API_KEY) return new CodexCloud({ baseUrl, apiKey: env.CODEX_API_KEY, retry });
  if (stored?.api_key) return new CodexCloud({ baseUrl, apiKey: stored.api_key, retry });
  if (stored?.access_token) {
    return new CodexCloud({
      baseUrl,
      retry,
      accessToken: stored.access_token,
      refreshToken: stored.refresh_token,
      onTokens: async (tokens: Tokens) => {
        await writeCredentials({ ...stored, access_token: tokens.accessToken, refresh_token: tokens.refreshToken ?? stored.refresh_token }, env);
      },
    });
  }
  throw new Error('Not logged in: run `codex login` (or set CODEX_API_KEY)');
}
