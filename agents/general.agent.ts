import { forEachFile, NO_FILES_SUMMARY, stoppedEarly, type AgentDefinition } from './agent-runner';
import { reviewOptions } from './code-expert.agent';
import { reviewCode, REVIEW_RULES } from './code-review-rules';
import { atLeast, describeCounts, sortFindings, summarizeFindings } from './findings';
import type { AgentResult, AgentSpec, FileSetOverview, Finding } from './protocol';
import { scanSecurity } from './security-rules';
import type { SourceFile } from './source-file';
import { LANGUAGE_NAMES } from './source-language';

export const generalAgent: AgentDefinition = {
  type: 'general',
  description:
    'Overview of the file set (languages, lines, largest files, functions) with the high-confidence findings of the other agents.',
  systemPrompt:
    'You are a senior software engineer. Answer the task about the given code directly and concretely, citing ' +
    'files and lines. An overview of the files and the findings of static analysis are included; use them where ' +
    'they help.',
  async analyse(work) {
    const options = reviewOptions(work.spec);
    if (!work.files.length) return { summary: NO_FILES_SUMMARY, findings: [] };
    const analyse = (file: SourceFile): Finding[] =>
      [...scanSecurity(file), ...reviewCode(file, options)].filter((f) => atLeast(f.severity, 'medium'));
    const result = (done: Finding[][], analysed: number): AgentResult =>
      generalResult(work.spec, work.files.slice(0, analysed), done.flat(), work.files.length);
    const done = await forEachFile(work, analyse, result);
    return result(done, work.files.length);
  },
};

/** Security findings are those with a weakness class (every security_expert finding has one). */
const isSecurityFinding = (f: Finding): boolean => f.cwe !== undefined;
const REVIEW_RULE_IDS = new Set<string>(Object.values(REVIEW_RULES).map((r) => r.id));

export function overview(files: SourceFile[]): FileSetOverview {
  const languages: Record<string, number> = {};
  for (const f of files) languages[f.language] = (languages[f.language] ?? 0) + 1;
  const counts = files.map((f) => f.functionCounts);
  return {
    files: files.length,
    lines: files.reduce((n, f) => n + f.lineCount, 0),
    languages,
    largest_files: [...files]
      .sort((a, b) => b.lineCount - a.lineCount)
      .slice(0, 3)
      .map((f) => ({ path: f.path, lines: f.lineCount })),
    functions: counts.reduce((n, c) => n + c.functions, 0),
    exported_functions: counts.reduce((n, c) => n + c.exported, 0),
  };
}

function describeOverview(o: FileSetOverview): string {
  const languages = Object.entries(o.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([lang, n]) => `${n} ${LANGUAGE_NAMES[lang as keyof typeof LANGUAGE_NAMES] ?? lang}`)
    .join(', ');
  const largest = o.largest_files.map((f) => `${f.path} (${f.lines} lines)`).join(', ');
  return (
    `${o.files} file${o.files === 1 ? '' : 's'} (${languages}; ${o.lines} lines) with ${o.functions} ` +
    `function${o.functions === 1 ? '' : 's'}, ${o.exported_functions} exported. Largest: ${largest}.`
  );
}

function topTitles(findings: Finding[]): string {
  return findings
    .slice(0, 3)
    .map((f) => `${f.title} at ${f.file}:${f.line}`)
    .join('; ');
}

/** Sentences that answer what the task asks about, from what the analyses found. */
function answerTask(task: string, findings: Finding[], o: FileSetOverview): string[] {
  const answers: string[] = [];
  const security = findings.filter(isSecurityFinding);
  const review = findings.filter((f) => REVIEW_RULE_IDS.has(f.rule_id));
  if (/secur|vulnerab|secret|inject|exploit|cve|attack/i.test(task)) {
    answers.push(security.length ? `Security: ${describeCounts(security)}; first: ${topTitles(security)}.` : 'Security: no issues found by static analysis.');
  }
  if (/review|quality|refactor|smell|clean|maintain|bug/i.test(task)) {
    answers.push(review.length ? `Review: ${describeCounts(review)}; first: ${topTitles(review)}.` : 'Review: no medium or worse review issues found.');
  }
  if (/\btests?\b|testing|coverage/i.test(task)) {
    answers.push(`Tests: ${o.exported_functions} exported function${o.exported_functions === 1 ? '' : 's'} could get test skeletons from the test_gen agent.`);
  }
  return answers;
}

function generalResult(spec: AgentSpec, files: SourceFile[], found: Finding[], total: number): AgentResult {
  const findings = sortFindings(found);
  const o = overview(files);
  const previous = spec.context?.previous_results?.length;
  const sentences = [
    `${summarizeFindings(findings, files.length)} (medium severity or worse).`,
    describeOverview(o),
    ...answerTask(spec.task, findings, o),
    ...(previous ? [`Took into account ${previous} result${previous === 1 ? '' : 's'} of earlier agents.`] : []),
  ];
  return {
    summary: `${sentences.join(' ')}${stoppedEarly(files.length, total)}`,
    findings,
    security_issues: findings.filter(isSecurityFinding).length,
    overview: o,
  };
}
