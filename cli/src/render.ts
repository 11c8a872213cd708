import type { Orchestration, Task } from '@codex-cloud/sdk';
import Table from 'cli-table3';
import { neutralizeControls, type Output } from './output.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

interface FindingLike {
  severity: string;
  title: string;
  file: string;
  line: number;
  suggestion?: string;
}

/** The findings as a table, most severe first (severity, where, what, what to do). */
export function findingsTable(findings: FindingLike[], out: Output): string {
  const colour = (severity: string) =>
    severity === 'critical' || severity === 'high' ? out.paint.red(severity) : severity === 'medium' ? out.paint.yellow(severity) : out.paint.dim(severity);
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.file.localeCompare(b.file) || a.line - b.line);
  const table = new Table({
    head: ['Severity', 'Where', 'Finding', 'Suggestion'],
    style: { head: out.color ? ['bold'] : [], border: out.color ? ['grey'] : [] },
    colWidths: [10, 28, 40, 40],
    wordWrap: true,
  });
  // Escaped before the table sizes its columns (an escape is wider than the character it shows).
  // A long path wraps by characters (it has no spaces to wrap at), never cut off.
  for (const f of sorted) {
    table.push([
      colour(neutralizeControls(f.severity)),
      { content: neutralizeControls(`${f.file}:${f.line}`), wrapOnWordBoundary: false },
      neutralizeControls(f.title),
      neutralizeControls(f.suggestion ?? ''),
    ]);
  }
  return table.toString();
}

/** A finished task for a person: status, findings by severity, summary, changes, tokens and cost. */
export function renderTask(task: Task, out: Output, options: { patchWritten?: boolean } = {}): string {
  const lines: string[] = [];
  const status = task.status === 'completed' ? out.paint.green(task.status) : out.paint.red(task.status);
  lines.push(`${out.paint.bold(task.task_id)} ${status}${task.duration_seconds != null ? ` in ${task.duration_seconds.toFixed(1)} s` : ''}`);
  if (task.error) lines.push(out.paint.red(`${task.error.code}: ${task.error.message}`));
  const result = task.result;
  if (result) {
    if (result.findings.length > 0) lines.push(findingsTable(result.findings, out));
    lines.push(result.summary);
    const changed = [
      result.files_modified ? `${result.files_modified} file${result.files_modified === 1 ? '' : 's'} modified` : '',
      result.tests_generated ? `${result.tests_generated} test${result.tests_generated === 1 ? '' : 's'} generated` : '',
      result.patch_url && !options.patchWritten ? `patch: codex tasks get ${task.task_id} --patch FILE` : '',
    ].filter(Boolean);
    if (changed.length) lines.push(changed.join(' · '));
  }
  lines.push(out.paint.dim(`tokens ${task.tokens_used.total} (prompt ${task.tokens_used.prompt}, completion ${task.tokens_used.completion}) · cost $${task.cost_usd.toFixed(4)}`));
  return lines.join('\n');
}

/** A finished orchestration: its agents, the aggregated figures and summary. */
export function renderOrchestration(o: Orchestration, out: Output): string {
  const lines: string[] = [];
  const status = o.status === 'completed' ? out.paint.green(o.status) : out.paint.red(o.status);
  lines.push(`${out.paint.bold(o.orchestration_id)} ${o.strategy} ${status}`);
  if (o.error) lines.push(out.paint.red(`${o.error.code}: ${o.error.message}`));
  const table = new Table({ head: ['Agent', 'Task', 'Status', 'Seconds'], style: { head: out.color ? ['bold'] : [], border: out.color ? ['grey'] : [] } });
  for (const a of o.agents) table.push([neutralizeControls(a.agent_type), a.task_id, a.status, a.duration_seconds == null ? '' : a.duration_seconds.toFixed(1)]);
  lines.push(table.toString());
  const r = o.aggregated_result;
  if (r) {
    lines.push(`${plural(r.files_modified, 'file')} modified · ${plural(r.tests_generated, 'test')} generated · ${plural(r.security_issues, 'security issue')}`);
    lines.push(r.summary);
    if (r.conflicts?.length) lines.push(out.paint.yellow(`conflicting patches: ${r.conflicts.map((c) => `${c.task_ids.join(' × ')} (${c.files.join(', ')})`).join('; ')}`));
  }
  lines.push(out.paint.dim(`tokens ${o.total_tokens_used}`));
  return lines.join('\n');
}

/** `1 file`, `2 files`. */
export function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}
