/**
 * `security_expert`'s analysis of one file: for code, the taint analysis on its syntax tree
 * (`analysis/security-analysis.ts`: untrusted input followed to the sinks of 16 weakness
 * classes, plus what the code does whatever the data: weak hashes, weak randomness, cookies
 * without Secure), and for every file hard-coded credentials and key material
 * (`analysis/secrets.ts`). Every finding carries its CWE.
 */
import { findSecrets } from './analysis/secrets';
import { analyseSecurity } from './analysis/security-analysis';
import type { Finding } from './protocol';
import type { SourceFile } from './source-file';
import { isCodeLanguage } from './source-language';

/** The security findings of one file, by line. */
export function scanSecurity(file: SourceFile): Finding[] {
  if (file.language === 'other') return [];
  const secrets = findSecrets(file);
  if (!isCodeLanguage(file.language)) return secrets;
  return [...analyseSecurity(file), ...secrets].sort((a, b) => a.line - b.line);
}
