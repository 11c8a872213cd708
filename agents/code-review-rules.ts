/**
 * Review rules of the code expert: long functions, deep nesting, unhandled promises,
 * swallowed errors, unresolved markers in comments and long lines, read from the syntax tree
 * (so strings, comments and line breaks inside a statement never mislead them). Thresholds
 * come from the spec's context (`max_function_lines`, `max_nesting_depth`, `max_line_length`).
 */
import { z } from 'zod';
import { FindingCollector, type RuleInfo } from './findings';
import type { Finding } from './protocol';
import type { SourceFile } from './source-file';
import { insideAny, rustTestItems, type FunctionInfo } from './syntax/functions';
import { childOfType, field, hasToken, named, walk, type SyntaxNode, type SyntaxTree } from './syntax/tree';

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

/**
 * The review findings for one file, by line. Settings and unknown files get none; a file with
 * syntax errors is reviewed as far as tree-sitter could make sense of it.
 * @throws Error when the file's grammar was not loaded (`loadGrammars`).
 */
export function reviewCode(file: SourceFile, options: ReviewOptions = DEFAULT_REVIEW_OPTIONS): Finding[] {
  const tree = file.tree;
  if (!tree) return [];
  const out = new FindingCollector(file);
  longFunctions(file, out, options);
  deepNesting(tree, file.functions, out, options);
  scanNodes(file, tree, out);
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

// ---------------------------------------------------------------- deep nesting

/** Control-flow statements of every grammar: each nests its blocks one level deeper. */
const NESTING = new Set([
  'if_statement',
  'for_statement',
  'for_in_statement',
  'enhanced_for_statement',
  'while_statement',
  'do_statement',
  'switch_statement',
  'switch_expression',
  'expression_switch_statement',
  'type_switch_statement',
  'select_statement',
  'match_statement',
  'try_statement',
  'try_with_resources_statement',
  'with_statement',
  'synchronized_statement',
  'if_expression',
  'if_let_expression',
  'for_expression',
  'while_expression',
  'while_let_expression',
  'loop_expression',
  'match_expression',
]);

/** Functions, methods, closures and lambdas of every grammar: one level when nested and given a block body. */
const NESTED_FUNCTIONS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'generator_function',
  'arrow_function',
  'method_definition',
  'function_definition',
  'func_literal',
  'function_item',
  'closure_expression',
  'lambda_expression',
  'method_declaration',
  'constructor_declaration',
]);
const BLOCKS = new Set(['statement_block', 'block', 'constructor_body']);

/**
 * Whether a node nests the code inside it one level deeper: a control-flow statement (an
 * `else if` continues its `if` rather than nesting in it; a `case` or match arm belongs to
 * its `switch`/`match`), or a function with a block body nested in the measured one.
 */
function opensLevel(node: SyntaxNode): boolean {
  if (NESTING.has(node.type)) {
    const parent = node.parent;
    const elseIf = parent?.type === 'else_clause' || (node.field === 'alternative' && parent?.type === node.type);
    return !elseIf;
  }
  if (!NESTED_FUNCTIONS.has(node.type)) return false;
  const body = field(node, 'body');
  return body !== undefined && BLOCKS.has(body.type);
}

/** The first node, in source order, that nests deeper than `limit` levels below `body`. */
function firstTooDeep(body: SyntaxNode, limit: number): { node: SyntaxNode; depth: number } | undefined {
  const stack: { node: SyntaxNode; depth: number }[] = [{ node: body, depth: 0 }];
  while (stack.length) {
    const { node, depth: outer } = stack.pop()!;
    const depth = node === body ? 0 : outer + (opensLevel(node) ? 1 : 0);
    if (depth > limit) return { node, depth };
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth });
  }
  return undefined;
}

/** Functions not inside another function: nested ones are measured as part of their outer function. */
function outermost(functions: FunctionInfo[]): FunctionInfo[] {
  const outer: FunctionInfo[] = [];
  let end = -1;
  // Bodies nest or are disjoint, so one running end tells whether a body lies inside an earlier one.
  for (const f of [...functions].sort((a, b) => a.bodyStart - b.bodyStart)) {
    if (f.bodyStart < end) continue;
    outer.push(f);
    end = f.bodyEnd;
  }
  return outer;
}

function deepNesting(tree: SyntaxTree, functions: FunctionInfo[], out: FindingCollector, options: ReviewOptions): void {
  for (const fn of outermost(functions)) {
    const deepest = firstTooDeep(fn.body, options.max_nesting_depth);
    if (!deepest) continue;
    out.addAtLine(REVIEW_RULES.deepNesting, tree.line(deepest.node), {
      title: `Deeply nested code in \`${fn.name}\` (${deepest.depth} levels)`,
      description: `Blocks here are nested ${deepest.depth} levels deep inside \`${fn.name}\` (limit ${options.max_nesting_depth}). ${REVIEW_RULES.deepNesting.description}`,
    });
  }
}

// ---------------------------------------------------------------- rules on single nodes

const COMMENTS = new Set(['comment', 'line_comment', 'block_comment']);

/**
 * One walk over the tree for the rules that look at single statements: unhandled promises,
 * swallowed errors, `.unwrap()` and marker comments.
 */
function scanNodes(file: SourceFile, tree: SyntaxTree, out: FindingCollector): void {
  const swallowed = (node: SyntaxNode, what: string): void => {
    out.add(REVIEW_RULES.swallowedError, node.start, { description: `${what}: ${REVIEW_RULES.swallowedError.description}` });
  };
  let visit: (node: SyntaxNode) => void;
  switch (file.language) {
    case 'javascript':
    case 'typescript': {
      const asyncNames = new Set(file.functions.filter((f) => f.async).map((f) => f.name));
      visit = (node) => {
        if (node.type === 'expression_statement') unhandledPromise(tree, node, asyncNames, out);
        else if (node.type === 'catch_clause' && isEmptyBlock(field(node, 'body'))) swallowed(node, 'Empty catch block');
        else if (node.type === 'call_expression') {
          const property = silentCatchCallback(tree, node);
          if (property) swallowed(property, 'A .catch() callback that ignores the error');
        }
      };
      break;
    }
    case 'java':
      visit = (node) => {
        if (node.type === 'catch_clause' && isEmptyBlock(field(node, 'body'))) swallowed(node, 'Empty catch block');
      };
      break;
    case 'python':
      visit = (node) => {
        if ((node.type === 'except_clause' || node.type === 'except_group_clause') && isSilentExcept(node)) swallowed(node, '`except: pass`');
      };
      break;
    case 'go':
      visit = (node) => {
        if (node.type === 'if_statement' && isEmptyErrCheck(tree, node)) swallowed(node, 'Empty `if err != nil` block');
        else if (node.type === 'assignment_statement') {
          const discarded = discardedErr(tree, node);
          if (discarded) swallowed(discarded, 'The error is assigned to _');
        }
      };
      break;
    case 'rust': {
      if (file.isTestFile || /(^|\/)(examples|benches)\//.test(file.path)) {
        visit = () => undefined;
        break;
      }
      const testItems = rustTestItems(tree);
      visit = (node) => {
        for (const unwrap of rustUnwraps(tree, node)) if (!insideAny(node, testItems)) out.add(REVIEW_RULES.rustUnwrap, unwrap.start);
      };
      break;
    }
    default:
      visit = () => undefined;
  }
  walk(tree.root, (node) => {
    if (COMMENTS.has(node.type)) {
      markerComment(tree, node, out);
      return false;
    }
    visit(node);
    return true;
  });
}

// ---------------------------------------------------------------- unhandled promises

const PROMISE_API = /^(?:fetch)$|Async$/;

/** The name a call calls: `f` for `f()`, `m` for `a.b.m()`. */
function calleeName(tree: SyntaxTree, call: SyntaxNode): string | undefined {
  const callee = field(call, 'function');
  if (callee?.type === 'identifier') return tree.textOf(callee);
  const property = callee?.type === 'member_expression' ? field(callee, 'property') : undefined;
  return property && tree.textOf(property);
}

function argumentCount(call: SyntaxNode): number {
  const args = field(call, 'arguments');
  return args ? named(args).filter((a) => !COMMENTS.has(a.type)).length : 0;
}

/**
 * An expression statement that is a call chain making a promise (a call of one of the file's
 * async functions or of a promise API, or a `.then()`) with no `.catch()` or two-argument
 * `.then()` on it. Awaited, returned, assigned and `void` promises are not expression
 * statements of a call, so they never get here.
 */
function unhandledPromise(tree: SyntaxTree, statement: SyntaxNode, asyncNames: ReadonlySet<string>, out: FindingCollector): void {
  const expression = named(statement)[0];
  if (expression?.type !== 'call_expression') return;
  // The chain from the outermost call inward: `load().then(f).catch(g)` is catch, then, load.
  const chain: SyntaxNode[] = [];
  for (let call: SyntaxNode | undefined = expression; call?.type === 'call_expression'; ) {
    chain.push(call);
    const callee = field(call, 'function');
    call = callee?.type === 'member_expression' ? field(callee, 'object') : undefined;
  }
  let handled = false;
  let then = false;
  let source: SyntaxNode | undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const call = chain[i]!;
    const name = calleeName(tree, call) ?? '';
    if (name === 'catch' || (name === 'then' && argumentCount(call) >= 2)) handled = true;
    if (name === 'then') then = true;
    if (!source && (asyncNames.has(name) || PROMISE_API.test(name))) source = call;
  }
  if (handled || (!source && !then)) return;
  const callee = field(source ?? chain[chain.length - 1]!, 'function');
  const calleeText = callee ? tree.textOf(callee).replace(/\s+/g, '') : '';
  const label = calleeText.includes('(') ? (calleeName(tree, source ?? chain[chain.length - 1]!) ?? calleeText) : calleeText;
  out.add(REVIEW_RULES.unhandledPromise, statement.start, { title: `Unhandled promise from \`${label}()\`` });
}

// ---------------------------------------------------------------- swallowed errors

/** A block with nothing in it, not even a comment: a comment documents a deliberate choice. */
function isEmptyBlock(block: SyntaxNode | undefined): boolean {
  return block !== undefined && BLOCKS.has(block.type) && named(block).length === 0;
}

/** `.catch(() => {})`, `.catch((e) => undefined)` and the like: the `catch` node, or undefined. */
function silentCatchCallback(tree: SyntaxTree, call: SyntaxNode): SyntaxNode | undefined {
  const callee = field(call, 'function');
  const property = callee?.type === 'member_expression' ? field(callee, 'property') : undefined;
  if (!property || tree.textOf(property) !== 'catch') return undefined;
  const args = field(call, 'arguments');
  const handlers = args ? named(args) : [];
  const handler = handlers[0];
  if (handlers.length !== 1 || (handler?.type !== 'arrow_function' && handler?.type !== 'function_expression')) return undefined;
  const params = field(handler, 'parameters');
  if (params && named(params).length > 1) return undefined;
  const body = field(handler, 'body');
  const silent = isEmptyBlock(body) || body?.type === 'undefined' || body?.type === 'null';
  return silent ? property : undefined;
}

/** `except …: pass` (or `...`) with no comment explaining it. */
function isSilentExcept(clause: SyntaxNode): boolean {
  const block = childOfType(clause, 'block');
  if (!block) return false;
  if (clause.children.some((c) => COMMENTS.has(c.type)) || block.children.some((c) => COMMENTS.has(c.type))) return false;
  const statements = named(block);
  const only = statements[0];
  if (statements.length !== 1 || !only) return false;
  return only.type === 'pass_statement' || (only.type === 'expression_statement' && named(only).length === 1 && named(only)[0]?.type === 'ellipsis');
}

/** An error variable by its name: `err`, `readErr`, `e.Err`. */
const GO_ERROR_NAME = /^[\w.]*[eE]rr\w*$/;

function isGoErrorValue(tree: SyntaxTree, node: SyntaxNode | undefined): boolean {
  return (node?.type === 'identifier' || node?.type === 'selector_expression') && GO_ERROR_NAME.test(tree.textOf(node));
}

/** `if err != nil {}` (an initializer `if err := f(); err != nil {}` too) with nothing, not even a comment, in the block. */
function isEmptyErrCheck(tree: SyntaxTree, node: SyntaxNode): boolean {
  const condition = field(node, 'condition');
  if (condition?.type !== 'binary_expression' || !hasToken(condition, '!=')) return false;
  const right = field(condition, 'right');
  return right?.type === 'nil' && isGoErrorValue(tree, field(condition, 'left')) && isEmptyBlock(field(node, 'consequence'));
}

/** `_ = err`: the `_`, or undefined. */
function discardedErr(tree: SyntaxTree, node: SyntaxNode): SyntaxNode | undefined {
  const left = field(node, 'left');
  const right = field(node, 'right');
  if (!left || !right || !hasToken(node, '=')) return undefined;
  const targets = named(left);
  const values = named(right);
  const blank = targets[0];
  if (targets.length !== 1 || values.length !== 1 || !blank || tree.textOf(blank) !== '_') return undefined;
  return isGoErrorValue(tree, values[0]) ? blank : undefined;
}

/**
 * The `unwrap` of `.unwrap()` calls in `node`: a call expression, or the tokens of a macro's
 * arguments (`println!("{}", x.unwrap())`), which tree-sitter leaves unparsed.
 */
function rustUnwraps(tree: SyntaxTree, node: SyntaxNode): SyntaxNode[] {
  if (node.type === 'call_expression') {
    const callee = field(node, 'function');
    const name = callee?.type === 'field_expression' ? field(callee, 'field') : undefined;
    const args = field(node, 'arguments');
    return name && args && named(args).length === 0 && tree.textOf(name) === 'unwrap' ? [name] : [];
  }
  if (node.type !== 'token_tree') return [];
  const found: SyntaxNode[] = [];
  node.children.forEach((token, i) => {
    if (token.type !== 'identifier' || token.end - token.start !== 6 || tree.textOf(token) !== 'unwrap') return;
    const before = node.children[i - 1];
    const after = node.children[i + 1];
    if (before?.type === '.' && after?.type === 'token_tree' && named(after).length === 0 && hasToken(after, '(')) found.push(token);
  });
  return found;
}

// ---------------------------------------------------------------- markers and long lines

/** Built from parts so this file does not itself carry the markers it looks for. */
const MARKERS = new RegExp(`\\b(${['TO' + 'DO', 'FIX' + 'ME', 'XX' + 'X', 'HA' + 'CK'].join('|')})\\b`);

function markerComment(tree: SyntaxTree, comment: SyntaxNode, out: FindingCollector): void {
  const text = tree.textOf(comment);
  const match = MARKERS.exec(text);
  if (!match) return;
  const marked = text.slice(match.index).split('\n')[0]?.trim() ?? '';
  out.add(REVIEW_RULES.markerComment, comment.start + match.index, {
    title: `${match[1]} comment`,
    description: `${REVIEW_RULES.markerComment.description} "${marked.slice(0, 160)}"`,
  });
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
