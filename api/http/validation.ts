import type { z } from 'zod';
import { findUnstorable, MAX_JSON_DEPTH } from '../../lib/storable-text';
import { ApiError } from '../errors';

type Where = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses `value` with `schema`, or throws `INVALID_REQUEST` naming the first bad field
 * (`details: {field, reason}`), e.g. `{field: "task", reason: "is required"}`.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: Where): z.output<S> {
  if (where === 'body' && (value === undefined || value === null)) {
    value = {};
  }
  if (where === 'body' && Array.isArray(value)) throw bodyNotAnObject('an array');
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // An unknown field is named itself (`options.colour`), not the object that holds it.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.length ? path.map(String).join('.') : where;
  const reason = describeIssue(issue);
  throw new ApiError('INVALID_REQUEST', `Invalid ${where}: ${field} ${reason}`, { field, reason });
}

/**
 * 400 for a JSON body that is not an object: `kind` is `an array`, `a string`, `a number`,
 * `a boolean` or `null` (arrays are found here, the others by the body parser, middleware.ts).
 */
export function bodyNotAnObject(kind: string): ApiError {
  return new ApiError('INVALID_REQUEST', `The body must be a JSON object, not ${kind}`, { field: 'body', reason: `expected object, received ${kind}` });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys') return issue.keys.length === 1 ? 'is not a known field' : `is not a known field (nor are ${issue.keys.slice(1).join(', ')})`;
  // Zod's own wording ("Too big: expected number to be <=21600"); a schema's own message is kept.
  if ((issue.code === 'too_big' || issue.code === 'too_small') && /^too (big|small)/i.test(issue.message)) return describeBound(issue);
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

/** A bound in words: "must be at most 21600", "must be at least 8 characters", "must have at most 64 items". */
function describeBound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const exclusive = issue.inclusive === false;
  const word = big ? (exclusive ? 'less than' : 'at most') : exclusive ? 'more than' : 'at least';
  switch (issue.origin) {
    case 'string':
      return `must be ${word} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must have ${word} ${limit} items`;
    case 'number':
    case 'int':
    case 'bigint':
      return `must be ${word === 'less than' ? 'less than' : word === 'more than' ? 'greater than' : word} ${limit}`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
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
