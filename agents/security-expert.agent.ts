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
  const seen = files.slice(0, analysed);
  // The files a rule read: those of other languages are counted apart (notAnalysed).
  const read = seen.filter((f) => f.language !== 'other');
  const languages = [...new Set(read.map((f) => LANGUAGE_NAMES[f.language]))].join(', ');
  return {
    summary: `${summarizeFindings(sorted, read.length)}${languages ? ` (${languages})` : ''}.${notAnalysed(seen)}${stoppedEarly(analysed, files.length)}`,
    findings: sorted,
    security_issues: sorted.length,
  };
}

/**
 * Says which files got no review because no rule reads their language (PHP, Ruby, C…), so a
 * clean result is not taken for a clean bill of health: ` 3 files in languages security_expert
 * does not analyse got no review (.php 2, .rb 1).` Empty when there are none.
 */
function notAnalysed(files: SourceFile[]): string {
  const unread = files.filter((f) => f.language === 'other');
  if (!unread.length) return '';
  const byKind = new Map<string, number>();
  for (const f of unread) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    const kind = dot > 0 ? base.slice(dot).toLowerCase() : base;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const top = [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const listed = top.slice(0, 5).map(([kind, n]) => `${kind} ${n}`);
  if (top.length > 5) listed.push(`${top.length - 5} more kinds`);
  const one = unread.length === 1;
  return ` ${unread.length} ${one ? 'file' : 'files'} in languages security_expert does not analyse got no review (${listed.join(', ')}).`;
}
