import { forEachFile, InvalidSpecError, NO_FILES_SUMMARY, stoppedEarly, type AgentDefinition } from './agent-runner';
import { reviewCode, reviewOptionsSchema, type ReviewOptions } from './code-review-rules';
import { sortFindings, summarizeFindings } from './findings';
import type { AgentSpec } from './protocol';

export const codeExpertAgent: AgentDefinition = {
  type: 'code_expert',
  description:
    'Reviews JavaScript/TypeScript, Python, Go, Rust and Java code from its syntax tree: long functions, deep nesting, unhandled promises, swallowed errors, unwraps, marker comments, long lines.',
  systemPrompt:
    'You are a senior software engineer doing a code review. Look for bugs, error handling that loses errors, ' +
    'concurrency and resource leaks, unclear or overly complex code and missing tests. Be specific: file, line, ' +
    'what is wrong and the change you suggest. Static review rules have already run; confirm, extend or dismiss ' +
    'their findings.',
  async analyse(work) {
    const options = reviewOptions(work.spec);
    if (!work.files.length) return { summary: NO_FILES_SUMMARY, findings: [] };
    const result = (findings: ReturnType<typeof reviewCode>, analysed: number) => {
      const sorted = sortFindings(findings);
      return { summary: `${summarizeFindings(sorted, analysed)}.${stoppedEarly(analysed, work.files.length)}`, findings: sorted };
    };
    const perFile = await forEachFile(work, (file) => reviewCode(file, options), (done, n) => result(done.flat(), n));
    return result(perFile.flat(), work.files.length);
  },
};

/** Thresholds from `context.max_function_lines`, `max_nesting_depth`, `max_line_length`. */
export function reviewOptions(spec: AgentSpec): ReviewOptions {
  const parsed = reviewOptionsSchema.safeParse(spec.context ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidSpecError(`context.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}
