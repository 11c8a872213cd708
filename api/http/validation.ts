import type { z } from 'zod';
import { findUnstorable, MAX_JSON_DEPTH } from '../../lib/storable-text';
import { ApiError } from '../errors';

type Where = 'body' | 'query' | 'params';

/**
 * Parses `value` with `schema`, or throws `INVALID_REQUEST` naming the first bad field
 * (`details: {field, reason}`), e.g. `{field: "task", reason: "is required"}`.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: Where): z.output<S> {
  if (where === 'body' && (value === undefined || value === null)) {
    value = {};
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : where;
  const reason = describeIssue(issue);
  throw new ApiError('INVALID_REQUEST', `Invalid ${where}: ${field} ${reason}`, { field, reason });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

/** File contents are stored byte-exact (in the request's blob), so they may hold any text. */
function isFileContent(path: readonly (string | number)[]): boolean {
  return path.length === 4 && path[0] === 'context' && path[1] === 'files' && typeof path[2] === 'number' && path[3] === 'content';
}

/**
 * The one rule for text at the edge: every string of a body, query or path that may reach
 * Postgres must be storable (no NUL, no lone surrogate; file contents excepted), and a body
 * nests at most MAX_JSON_DEPTH (64) levels. Otherwise throws INVALID_REQUEST naming the field.
 */
export function checkStorable(value: unknown, where: Where): void {
  const problem = findUnstorable(value, { maxDepth: MAX_JSON_DEPTH, exempt: where === 'body' ? isFileContent : undefined });
  if (!problem) return;
  const field = problem.path || where;
  throw new ApiError('INVALID_REQUEST', `Invalid ${where}: ${field} ${problem.reason}`, { field, reason: problem.reason });
}
