import { SEVERITIES, type Finding, type Severity } from './protocol';
import type { SourceFile } from './source-file';

/** What a rule says about every finding it makes. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  description: string;
  suggestion: string;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[floor];
}

/**
 * Collects one file's findings; a rule reports a line at most once, however many of its
 * patterns match there.
 */
export class FindingCollector {
  private readonly byKey = new Map<string, Finding>();

  constructor(readonly file: SourceFile) {}

  add(rule: RuleInfo, offset: number, overrides: Partial<Omit<Finding, 'file' | 'line' | 'rule_id'>> = {}): void {
    this.addAtLine(rule, this.file.lineOf(offset), overrides);
  }

  addAtLine(rule: RuleInfo, line: number, overrides: Partial<Omit<Finding, 'file' | 'line' | 'rule_id'>> = {}): void {
    const key = `${rule.id}:${line}`;
    if (this.byKey.has(key)) return;
    this.byKey.set(key, {
      severity: rule.severity,
      title: rule.title,
      description: rule.description,
      file: this.file.path,
      line,
      suggestion: rule.suggestion,
      rule_id: rule.id,
      ...overrides,
    });
  }

  get findings(): Finding[] {
    return [...this.byKey.values()].sort((a, b) => a.line - b.line);
  }
}

/** Most severe first, then by file and line: the order a reader triages in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line,
  );
}

/** Adds `extra` findings unless one with the same file, line and rule is already there. */
export function mergeFindings(findings: Finding[], extra: Finding[]): Finding[] {
  const seen = new Set(findings.map((f) => `${f.file}:${f.line}:${f.rule_id}`));
  const merged = [...findings];
  for (const f of extra) {
    const key = `${f.file}:${f.line}:${f.rule_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(f);
  }
  return merged;
}

/** "3 high, 5 medium, 2 low severity issues" (and "2 informational notes"), or "no issues". */
export function describeCounts(findings: Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const issues = SEVERITIES.filter((s) => s !== 'info' && counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  const notes = counts.get('info') ?? 0;
  const noteText = `${notes} informational note${notes === 1 ? '' : 's'}`;
  const total = findings.length - notes;
  const issueText = issues.length ? `${issues.join(', ')} severity issue${total === 1 ? '' : 's'}` : '';
  if (issueText && notes) return `${issueText} and ${noteText}`;
  return issueText || (notes ? noteText : 'no issues');
}

/** "Found 3 high, 5 medium severity issues in 4 files" / "No issues found in 4 files". */
export function summarizeFindings(findings: Finding[], fileCount: number): string {
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  const counts = describeCounts(findings);
  return counts === 'no issues' ? `No issues found in ${files}` : `Found ${counts} in ${files}`;
}
