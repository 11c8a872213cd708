// What Postgres can store as text: no NUL character (text and jsonb refuse U+0000), and valid
// UTF-16 (a lone surrogate has no UTF-8 form). And how deep JSON may nest before our own
// recursion (JSON.stringify, zod, Kysely) overflows the stack: a bound well below that.
// https://www.postgresql.org/docs/current/datatype-character.html ("The character with code zero
// cannot be stored"), https://www.postgresql.org/docs/current/datatype-json.html (\u0000).

/** Deepest nesting of objects and arrays accepted in a request body or stored from an agent. */
export const MAX_JSON_DEPTH = 64;

// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const NUL_ALL = /\u0000/g;
const LONE_SURROGATE_ALL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why `text` cannot be stored as Postgres text, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (NUL.test(text)) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate (text that is not valid Unicode)';
  return undefined;
}

/** `text` made storable: NUL characters removed, lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(NUL_ALL, '').replace(LONE_SURROGATE_ALL, '\uFFFD');
}

/** A problem found in a JSON value: where (`a.b.0.c`) and why. */
export interface JsonProblem {
  path: string;
  reason: string;
}

/**
 * The first place in `value` (parsed JSON) that Postgres could not store or that nests deeper
 * than `maxDepth`: a string (or an object key) with a NUL or a lone surrogate. Strings at paths
 * that `exempt` accepts (e.g. file contents, stored byte-exact) are not looked at. Walks with an
 * explicit stack: no recursion, whatever the depth.
 */
export function findUnstorable(value: unknown, options: { maxDepth?: number; exempt?: (path: readonly (string | number)[]) => boolean } = {}): JsonProblem | undefined {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const stack: { value: unknown; path: (string | number)[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (options.exempt?.(path)) continue;
      const reason = unstorableReason(current);
      if (reason) return { path: path.join('.'), reason };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return { path: path.join('.'), reason: `is nested deeper than ${maxDepth} levels` };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const reason = unstorableReason(key);
      if (reason) return { path: [...path, storableText(key)].join('.'), reason: `has a field name that ${reason}` };
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * A copy of `value` (parsed JSON) that Postgres can store and our code can walk: every string
 * and key made storable (`storableText`), and whatever nests deeper than `maxDepth` replaced by
 * a string saying so. For what agents write, which no request rule vets. Iterative.
 */
export function storableJson(value: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  const root: { value: unknown } = { value: undefined };
  const stack: { source: unknown; assign: (v: unknown) => void; depth: number }[] = [{ source: value, assign: (v) => (root.value = v), depth: 0 }];
  while (stack.length > 0) {
    const { source, assign, depth } = stack.pop()!;
    if (typeof source === 'string') {
      assign(storableText(source));
    } else if (source === null || typeof source !== 'object') {
      assign(source);
    } else if (depth >= maxDepth) {
      assign(`[omitted: nested deeper than ${maxDepth} levels]`);
    } else if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      assign(copy);
      source.forEach((item, i) => stack.push({ source: item, assign: (v) => (copy[i] = v), depth: depth + 1 }));
    } else {
      const copy: Record<string, unknown> = {};
      assign(copy);
      for (const [key, item] of Object.entries(source)) stack.push({ source: item, assign: (v) => (copy[storableText(key)] = v), depth: depth + 1 });
    }
  }
  return root.value;
}
