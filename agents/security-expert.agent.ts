import { forEachFile, NO_FILES_SUMMARY, stoppedEarly, type AgentDefinition } from './agent-runner';
import { sortFindings, summarizeFindings } from './findings';
import type { AgentResult, Finding } from './protocol';
import { scanSecurity } from './security-rules';
import type { SourceFile } from './source-file';
import { LANGUAGE_NAMES } from './source-language';

export const securityExpertAgent: AgentDefinition = {
  type: 'security_expert',
  description:
    'Follows request input to SQL, command, code, XPath and LDAP injection, deserialisation, path traversal, SSRF, open redirects, XSS and XXE; weak hashes, weak randomness, insecure cookies and hard-coded secrets (Python, JS/TS, Go, Rust, Java).',
  systemPrompt:
    'You are a senior application security engineer reviewing code for exploitable vulnerabilities: injection ' +
    '(SQL, command, code), authentication and authorization flaws, secrets in code, weak cryptography, unsafe ' +
    'deserialization, path traversal and SSRF. Report only issues you can point to in the given files, with file ' +
    'and line, why it is exploitable and how to fix it. Static analysis has already run; confirm, extend or ' +
    'dismiss its findings.',
  async analyse(work) {
    if (!work.files.length) return { summary: NO_FILES_SUMMARY, findings: [], security_issues: 0 };
    const perFile = await forEachFile(work, scanSecurity, (done, n) => securityResult(work.files, done.flat(), n));
    return securityResult(work.files, perFile.flat(), work.files.length);
  },
};

function securityResult(files: SourceFile[], findings: Finding[], analysed: number): AgentResult {
  const sorted = sortFindings(findings);
  const languages = [...new Set(files.slice(0, analysed).map((f) => LANGUAGE_NAMES[f.language]))].join(', ');
  return {
    summary: `${summarizeFindings(sorted, analysed)} (${languages}).${stoppedEarly(analysed, files.length)}`,
    findings: sorted,
    security_issues: sorted.length,
  };
}
