import type { z } from 'zod';
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
