import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** What `codex login` keeps: where the API is, and an API key or the session's tokens. */
export interface StoredCredentials {
  base_url: string;
  api_key?: string;
  access_token?: string;
  refresh_token?: string;
  email?: string;
}

/** The default API address (CODEX_BASE_URL overrides, then `--base-url`). */
export const DEFAULT_BASE_URL = 'http://localhost:8080';

/**
 * The CLI's folder: `CODEX_CONFIG_DIR`, else the platform's user config folder
 * (`$XDG_CONFIG_HOME/codex` or `~/.config/codex`; `%APPDATA%\codex` on Windows; the XDG Base
 * Directory Specification).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CODEX_CONFIG_DIR) return env.CODEX_CONFIG_DIR;
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'codex');
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'codex');
}

export const credentialsFile = (env: NodeJS.ProcessEnv = process.env) => path.join(configDir(env), 'credentials.json');

/** The stored credentials, or undefined when there are none (or the file is unreadable). */
export async function readCredentials(env: NodeJS.ProcessEnv = process.env): Promise<StoredCredentials | undefined> {
  try {
    return JSON.parse(await readFile(credentialsFile(env), 'utf8')) as StoredCredentials;
  } catch {
    return undefined;
  }
}

/** Writes the credentials readable by the user alone (file 0600, folder 0700). */
export async function writeCredentials(credentials: StoredCredentials, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = credentialsFile(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // an existing file keeps its old mode on write
  return file;
}

export async function removeCredentials(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await rm(credentialsFile(env), { force: true });
}
