/**
 * Bracket matching on a masked view (comments and string contents blanked), where every
 * bracket left is real code.
 */
const OPEN = '([{';
const CLOSE = ')]}';

/** Index of the bracket closing the one at `open`, or -1 when the text ends first. */
export function findClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i] ?? '';
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c) && --depth === 0) return i;
  }
  return -1;
}

/**
 * Index of the `>` closing the `<` at `open` (generic parameters), skipping `->` and `=>`, or
 * -1 when a statement ends first.
 */
export function findAngleClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && text[i - 1] !== '-' && text[i - 1] !== '=' && --depth === 0) return i;
    else if (c === ';' || c === '{') return -1;
  }
  return -1;
}

export function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

/**
 * Splits at `separator` outside brackets (and outside `<…>` when `angles`), e.g. parameter
 * lists with generic types. Parts are trimmed; empty parts are dropped.
 */
export function splitTopLevel(text: string, separator: string, angles = false): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const prev = text[i - 1];
    if (OPEN.includes(c) || (angles && c === '<')) depth++;
    else if (CLOSE.includes(c) || (angles && c === '>' && prev !== '-' && prev !== '=')) depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}
