/** Small helpers the language rules share. */
import type { CallSite, Cwe, SinkHit, Value } from './taint';

/**
 * A sink hit at a call. `pattern` hits are about what the code does, whatever the data (a weak
 * hash for a password, a cookie without `Secure`): reported without a source.
 */
export function sink(cwe: Cwe, rule: string, value: Value, unknownOrigin: SinkHit['unknownOrigin'], site: CallSite, what: string, pattern = false): SinkHit {
  return { cwe, rule, value, unknownOrigin, node: site.expr.node, what, ...(pattern ? { pattern: true } : {}) };
}

/** True when a value is a constant that is true in a condition (`True`, `1`, `"yes"`). */
export function truthyConstant(value: Value | undefined): boolean {
  if (!value || value.level !== 0 || value.constant === undefined) return false;
  const c = value.constant;
  return !(c === null || c === false || c === 0 || c === '');
}

/** Words that make a hash a password or credential hash (CWE-328 rather than CWE-327). */
export const PASSWORD_CONTEXT = /passw|\bpwd|pass_?hash|passphrase|credential|secret/i;

/** Words that make a random value a secret (CWE-330): tokens, keys, session IDs, reset codes. */
export const SECRET_CONTEXT = /token|secret|passw|session|nonce|\botp|salt|csrf|reset|api_?key|apikey|auth|verif|one_?time|invite|cookie|\bsid\b|(?:^|[^a-z])key(?![a-z])|signing|activation|confirm/i;
