/** Languages the built-in agents tell apart, from a file's extension. */
export const LANGUAGES = {
  javascript: 'javascript',
  typescript: 'typescript',
  python: 'python',
  go: 'go',
  rust: 'rust',
  java: 'java',
  /** Settings files (.env, YAML, JSON, TOML, …): scanned for hard-coded secrets only. */
  config: 'config',
  other: 'other',
} as const;
export type Language = (typeof LANGUAGES)[keyof typeof LANGUAGES];
/** Languages whose code the agents analyse (functions, rules, tests). */
export type CodeLanguage = Exclude<Language, 'config' | 'other'>;

export const LANGUAGE_NAMES: Record<Language, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  go: 'Go',
  rust: 'Rust',
  java: 'Java',
  config: 'Config',
  other: 'Other',
};

const BY_EXTENSION: Record<string, Language> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  py: 'python',
  pyw: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  env: 'config',
  yml: 'config',
  yaml: 'config',
  json: 'config',
  toml: 'config',
  ini: 'config',
  cfg: 'config',
  conf: 'config',
  properties: 'config',
};

export function languageOf(path: string): Language {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  // `.env`, `.env.local`, `.env.production`: dotenv files whose "extension" is the environment.
  if (base === '.env' || base.startsWith('.env.')) return 'config';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'other';
  return BY_EXTENSION[base.slice(dot + 1)] ?? 'other';
}

export function isCodeLanguage(language: Language): language is CodeLanguage {
  return language !== 'config' && language !== 'other';
}
