/**
 * Review rules of the code expert: long functions, deep nesting, unhandled promises,
 * swallowed errors, unresolved markers in comments and long lines. Thresholds come from the
 * spec's context (`max_function_lines`, `max_nesting_depth`, `max_line_length`).
 */
import { z } from 'zod';
import { findClose } from './bracket-scan';
import { FindingCollector, type RuleInfo } from './findings';
import { continuationLines, expressionEnd, type FunctionInfo } from './function-finder';
import type { Finding } from './protocol';
import type { SourceFile } from './source-file';
import { lowerBound } from './sorted-search';
import { isJsFamily } from './source-language';

export const REVIEW_RULES = {
  longFunction: {
    id: 'long-function',
    severity: 'medium',
    title: 'Long function',
    description: 'A long function does several things at once; it is hard to read, test and change safely.',
    suggestion: 'Split it into smaller functions that each do one thing and can be named and tested.',
  },
  deepNesting: {
    id: 'deep-nesting',
    severity: 'medium',
    title: 'Deeply nested code',
    description: 'Deeply nested blocks hide the main path of the code and the conditions each line runs under.',
    suggestion: 'Return early for error and edge cases, and move inner blocks into functions of their own.',
  },
  unhandledPromise: {
    id: 'unhandled-promise',
    severity: 'medium',
    title: 'Unhandled promise',
    description: 'The promise is neither awaited, returned nor given a .catch(); its failure becomes an unhandled rejection (which stops Node) and its result is not waited for.',
    suggestion: 'await or return it, or add .catch(); mark a deliberate fire-and-forget with `void`.',
  },
  swallowedError: {
    id: 'swallowed-error',
    severity: 'medium',
    title: 'Swallowed error',
    description: 'The error is caught or received and then dropped without a trace, so failures go unnoticed.',
    suggestion: 'Handle the error, log it, or propagate it; if ignoring it is right, say why in a comment.',
  },
  rustUnwrap: {
    id: 'rust-unwrap',
    severity: 'low',
    title: '.unwrap() in non-test code',
    description: '.unwrap() panics on None/Err, turning a recoverable error into a crash without context.',
    suggestion: 'Propagate with `?`, handle the case, or use .expect("why this cannot fail").',
  },
  markerComment: {
    id: 'todo-comment',
    severity: 'info',
    title: 'Unresolved marker comment',
    description: 'A comment marks unfinished or questionable work.',
    suggestion: 'Do the work, or track it in the issue tracker and remove the marker.',
  },
  longLines: {
    id: 'long-line',
    severity: 'info',
    title: 'Long lines',
    description: 'Very long lines are hard to read and to review in a diff.',
    suggestion: 'Break long expressions and strings over several lines.',
  },
} as const satisfies Record<string, RuleInfo>;

/** Review thresholds read from the spec's `context`. */
export const reviewOptionsSchema = z.object({
  /** Functions longer than this many lines are reported. Default 60. */
  max_function_lines: z.int().positive().default(60),
  /** Blocks nested deeper than this inside a function are reported. Default 4. */
  max_nesting_depth: z.int().positive().default(4),
  /** Lines longer than this many characters are reported. Default 120. */
  max_line_length: z.int().positive().default(120),
});
export type ReviewOptions = z.output<typeof reviewOptionsSchema>;
export const DEFAULT_REVIEW_OPTIONS: ReviewOptions = reviewOptionsSchema.parse({});

export function reviewCode(file: SourceFile, options: ReviewOptions = DEFAULT_REVIEW_OPTIONS): Finding[] {
  if (file.language === 'other' || file.language === 'config') return [];
  const out = new FindingCollector(file);
  longFunctions(file, out, options);
  deepNesting(file, out, options);
  if (isJsFamily(file.language)) {
    unhandledPromises(file, out);
  }
  swallowedErrors(file, out);
  markerComments(file, out);
  longLines(file, out, options);
  return out.findings;
}

function longFunctions(file: SourceFile, out: FindingCollector, options: ReviewOptions): void {
  for (const fn of file.functions) {
    const length = fn.endLine - fn.line + 1;
    if (length <= options.max_function_lines) continue;
    out.addAtLine(REVIEW_RULES.longFunction, fn.line, {
      title: `Long function \`${fn.name}\` (${length} lines)`,
      description: `\`${fn.name}\` is ${length} lines long (limit ${options.max_function_lines}). ${REVIEW_RULES.longFunction.description}`,
    });
  }
}

/** Functions not inside another function: nested ones are measured as part of their outer function. */
function outermost(functions: FunctionInfo[]): FunctionInfo[] {
  const outer: FunctionInfo[] = [];
  let end = -1;
  // Bodies nest or are disjoint, so one running end tells whether a body lies inside an earlier one.
  for (const f of [...functions].sort((a, b) => a.bodyStart - b.bodyStart)) {
    if (f.bodyStart <= end) continue;
    outer.push(f);
    end = f.bodyEnd;
  }
  return outer;
}

function deepNesting(file: SourceFile, out: FindingCollector, options: ReviewOptions): void {
  const report = (fn: FunctionInfo, line: number, depth: number): void => {
    out.addAtLine(REVIEW_RULES.deepNesting, line, {
      title: `Deeply nested code in \`${fn.name}\` (${depth} levels)`,
      description: `Blocks here are nested ${depth} levels deep inside \`${fn.name}\` (limit ${options.max_nesting_depth}). ${REVIEW_RULES.deepNesting.description}`,
    });
  };
  const functions = outermost(file.functions);
  if (file.language === 'python') {
    const continued = continuationLines(file.lexed.masked);
    for (const fn of functions) {
      const deepest = pythonNesting(file, fn, options.max_nesting_depth, continued);
      if (deepest) report(fn, deepest.line, deepest.depth);
    }
    return;
  }
  const blocks = blockDepths(file.lexed.masked);
  for (const fn of functions) {
    const first = lowerBound(blocks.offsets, fn.bodyStart);
    const base = blocks.offsets[first] === fn.bodyStart ? (blocks.depths[first] ?? 0) : 0;
    for (let i = first; i < blocks.offsets.length && (blocks.offsets[i] ?? Infinity) <= fn.bodyEnd; i++) {
      const depth = (blocks.depths[i] ?? 0) - base;
      if (depth <= options.max_nesting_depth) continue;
      report(fn, file.lineOf(blocks.offsets[i] ?? 0), depth);
      break;
    }
  }
}

const BLOCK_START_WORDS = /^(?:\}\s*)?(?:if|else|for|while|switch|match|select|loop|try|catch|finally|do|func|fn|function|pub|async|unsafe|defer|go)\b/;
const BLOCK_END_WORDS = /(?:\)|=>|\|[^|]*\||\b(?:else|try|finally|do|loop|unsafe|async|move|select|switch))\s*$/;
const TYPE_DECLARATION = /\b(?:struct|enum|trait|mod|impl|class|interface|union|type|extern)\b/;

/**
 * Every block-opening brace, ascending, with its nesting depth (the number of enclosing
 * blocks, itself included). A brace opens a block when its header (the text since the last
 * line break, `;` or `{`) is a control statement or a function; braces of object, struct and
 * type literals do not count.
 */
function blockDepths(m: string): { offsets: number[]; depths: number[] } {
  const offsets: number[] = [];
  const depths: number[] = [];
  const stack: boolean[] = [];
  let blocks = 0;
  let lineStart = 0;
  let previousLineStart = 0;
  let boundary = 0;
  for (let i = 0; i < m.length; i++) {
    const c = m[i];
    if (c === '\n') {
      previousLineStart = lineStart;
      lineStart = boundary = i + 1;
    } else if (c === ';') {
      boundary = i + 1;
    } else if (c === '{') {
      let header = m.slice(boundary, i).trim();
      // A brace on a line of its own (Allman style) belongs to the previous line.
      if (header === '' || header === '}') header = m.slice(previousLineStart, lineStart).trim();
      const isBlock = opensBlock(header);
      stack.push(isBlock);
      if (isBlock) {
        offsets.push(i);
        depths.push(++blocks);
      }
      boundary = i + 1;
    } else if (c === '}') {
      if (stack.pop()) blocks--;
    }
  }
  return { offsets, depths };
}

function opensBlock(header: string): boolean {
  if (TYPE_DECLARATION.test(header) && !/\)\s*$|=>\s*$/.test(header)) return false;
  return BLOCK_START_WORDS.test(header) || BLOCK_END_WORDS.test(header);
}

/** The first line nested deeper than `limit` inside a Python function, by indentation. */
function pythonNesting(
  file: SourceFile,
  fn: FunctionInfo,
  limit: number,
  continued: boolean[],
): { line: number; depth: number } | undefined {
  const lines = file.maskedLines;
  const indents: { line: number; indent: number }[] = [];
  for (let l = fn.line + 1; l <= fn.endLine; l++) {
    const text = lines[l - 1] ?? '';
    if (text.trim() === '' || continued[l - 1]) continue;
    indents.push({ line: l, indent: text.length - text.trimStart().length });
  }
  const bodyIndent = indents[0]?.indent;
  if (bodyIndent === undefined) return undefined;
  const steps = indents.map((x) => x.indent - bodyIndent).filter((d) => d > 0);
  const unit = steps.length ? Math.min(...steps) : 4;
  for (const { line, indent } of indents) {
    const depth = Math.floor((indent - bodyIndent) / unit);
    if (depth > limit) return { line, depth };
  }
  return undefined;
}

// ---------------------------------------------------------------- unhandled promises

const STATEMENT_CALL = /^[ \t]*((?:this\.)?[\w$]+(?:\s*\.\s*[\w$]+)*)\s*\(/;
/** A line ending like this continues onto the next, so the next line is not a statement of its own. */
const CONTINUES = /(?:[=(,&|?:+\-*/!<>[]|=>|\b(?:return|await|yield|void|throw|new|typeof|in|of))\s*$/;
const PROMISE_API = /^(?:fetch)$|Async$/;

function unhandledPromises(file: SourceFile, out: FindingCollector): void {
  const m = file.lexed.masked;
  const asyncNames = new Set(file.functions.filter((f) => f.async).map((f) => f.name));
  const lines = file.maskedLines;
  let previous = '';
  lines.forEach((text, index) => {
    const before = previous;
    if (text.trim()) previous = text;
    const call = STATEMENT_CALL.exec(text);
    if (!call || CONTINUES.test(before.trimEnd())) return;
    const start = file.offsetOfLine(index + 1);
    const open = start + call[0].length - 1;
    // `name(args) {` or `name(args): T {` defines a method; it calls nothing.
    const close = findClose(m, open);
    if (close === -1 || /^\s*[{:]/.test(m.slice(close + 1, close + 80))) return;
    const statement = m.slice(start, expressionEnd(m, open) + 1);
    const chain = (call[1] ?? '').replace(/\s+/g, '');
    const callee = chain.split('.').pop() ?? '';
    const isPromise = asyncNames.has(callee) || PROMISE_API.test(callee) || /\.\s*then\s*\(/.test(statement);
    if (!isPromise || /\.\s*catch\s*\(/.test(statement) || /^[ \t]*(?:if|for|while|switch|return|function)\b/.test(text)) return;
    out.add(REVIEW_RULES.unhandledPromise, start + text.length - text.trimStart().length, {
      title: `Unhandled promise from \`${chain}()\``,
    });
  });
}

// ---------------------------------------------------------------- swallowed errors

const JS_EMPTY_CATCH = /\bcatch\s*(?:\([^)]*\))?\s*\{(\s*)\}/g;
const JS_EMPTY_CATCH_CALLBACK = /\.\s*catch\s*\(\s*(?:\(\s*[\w$]*\s*\)|[\w$]+)\s*=>\s*(?:\{(\s*)\}|undefined|null)\s*\)/g;
const GO_EMPTY_ERR_CHECK = /\bif\s+[\w.]*[eE]rr\w*\s*!=\s*nil\s*\{(\s*)\}/g;
const GO_DISCARDED_ERR = /^[ \t]*_\s*=\s*[\w.]*[eE]rr\w*[ \t]*$/gm;
const RUST_UNWRAP = /\.\s*unwrap\s*\(\s*\)/g;

function swallowedErrors(file: SourceFile, out: FindingCollector): void {
  const m = file.lexed.masked;
  const raw = file.content;
  /** An empty block that holds a comment documents a deliberate choice. */
  const emptyAndSilent = (match: RegExpMatchArray): boolean => {
    const inner = match[1];
    if (inner === undefined) return true;
    const at = (match.index ?? 0) + match[0].lastIndexOf('{') + 1;
    return raw.slice(at, at + inner.length).trim() === '';
  };
  const report = (offset: number, what: string): void => {
    out.add(REVIEW_RULES.swallowedError, offset, {
      description: `${what}: ${REVIEW_RULES.swallowedError.description}`,
    });
  };
  switch (file.language) {
    case 'javascript':
    case 'typescript':
      for (const match of m.matchAll(JS_EMPTY_CATCH)) if (emptyAndSilent(match)) report(match.index, 'Empty catch block');
      for (const match of m.matchAll(JS_EMPTY_CATCH_CALLBACK)) {
        if (emptyAndSilent(match)) report(match.index, 'A .catch() callback that ignores the error');
      }
      break;
    case 'python':
      pythonSilentExcepts(file, report);
      break;
    case 'go':
      for (const match of m.matchAll(GO_EMPTY_ERR_CHECK)) if (emptyAndSilent(match)) report(match.index, 'Empty `if err != nil` block');
      for (const match of m.matchAll(GO_DISCARDED_ERR)) report(match.index + match[0].indexOf('_'), 'The error is assigned to _');
      break;
    case 'rust':
      rustUnwraps(file, out);
      break;
  }
}

const PY_EXCEPT = /^([ \t]*)except\b[^:\n]*:[ \t]*((?:pass|\.\.\.)?)[ \t]*$/;

/** `except …: pass` (on one line or two) with no comment explaining it. */
function pythonSilentExcepts(file: SourceFile, report: (offset: number, what: string) => void): void {
  const lines = file.maskedLines;
  lines.forEach((text, index) => {
    const match = PY_EXCEPT.exec(text);
    if (!match) return;
    const indent = (match[1] ?? '').length;
    let bodyLines = [index];
    if (!match[2]) {
      const body: number[] = [];
      for (let l = index + 1; l < lines.length; l++) {
        const t = lines[l] ?? '';
        if (t.trim() === '' && (file.lines[l] ?? '').trim() === '') continue;
        if (t.length - t.trimStart().length <= indent && t.trim() !== '') break;
        body.push(l);
      }
      const code = body.map((l) => (lines[l] ?? '').trim()).filter(Boolean);
      if (code.length !== 1 || !/^(?:pass|\.\.\.)$/.test(code[0] ?? '')) return;
      bodyLines = [index, ...body];
    }
    if (bodyLines.some((l) => (file.lines[l] ?? '').includes('#'))) return;
    report(file.offsetOfLine(index + 1) + indent, '`except: pass`');
  });
}

function rustUnwraps(file: SourceFile, out: FindingCollector): void {
  if (file.isTestFile || /(^|\/)(examples|benches)\//.test(file.path)) return;
  const testCode = file.functions.filter((f) => f.inTestCode);
  for (const match of file.lexed.masked.matchAll(RUST_UNWRAP)) {
    if (testCode.some((f) => f.bodyStart <= match.index && match.index <= f.bodyEnd)) continue;
    out.add(REVIEW_RULES.rustUnwrap, match.index);
  }
}

// ---------------------------------------------------------------- markers and long lines

/** Built from parts so this file does not itself carry the markers it looks for. */
const MARKERS = new RegExp(`\\b(${['TO' + 'DO', 'FIX' + 'ME', 'XX' + 'X', 'HA' + 'CK'].join('|')})\\b`);

function markerComments(file: SourceFile, out: FindingCollector): void {
  for (const comment of file.lexed.comments) {
    const match = MARKERS.exec(comment.text);
    if (!match) continue;
    const text = comment.text.slice(match.index).split('\n')[0]?.trim() ?? '';
    out.add(REVIEW_RULES.markerComment, comment.start + match.index, {
      title: `${match[1]} comment`,
      description: `${REVIEW_RULES.markerComment.description} "${text.slice(0, 160)}"`,
    });
  }
}

/** Above this average line length a file is minified or generated: not written for reading. */
const GENERATED_AVERAGE_LINE = 200;

function longLines(file: SourceFile, out: FindingCollector, options: ReviewOptions): void {
  const lines = file.lines;
  if (file.content.length / Math.max(1, lines.length) > GENERATED_AVERAGE_LINE) return;
  const long = lines.flatMap((l, i) => ([...l].length > options.max_line_length ? [i + 1] : []));
  const first = long[0];
  if (first === undefined) return;
  out.addAtLine(REVIEW_RULES.longLines, first, {
    title: long.length === 1 ? `Long line (over ${options.max_line_length} characters)` : `${long.length} long lines (over ${options.max_line_length} characters)`,
    description: `${long.length === 1 ? 'Line' : 'Lines'} ${long.slice(0, 10).join(', ')}${long.length > 10 ? ', …' : ''} exceed ${options.max_line_length} characters. ${REVIEW_RULES.longLines.description}`,
  });
}
