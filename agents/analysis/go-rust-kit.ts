/**
 * Helpers the Go and Rust rules share: where a finding's input came from, what words around a
 * weak hash or a weak random number say it is for, and whether a URL built from input still
 * goes to a fixed host or a local path.
 */
import type { SyntaxNode, SyntaxTree } from '../syntax/tree';
import { pathOf, type Expr, type FunctionIR, type Stmt } from './ir';
import { Level, type CallSite, type Value } from './taint';

/**
 * Where a call is reported: the call itself, or from its method name on when a method chain
 * breaks the line before it (`Command::new("bash")⏎    .args(["-c", s])` is reported on the
 * `.args(…)` line, where the flaw is).
 */
export function callNode(site: CallSite, tree: SyntaxTree): SyntaxNode {
  const node = site.expr.node;
  const callee = node.children.find((c) => c.field === 'function');
  if (!callee || (callee.type !== 'field_expression' && callee.type !== 'selector_expression')) return node;
  const name = callee.children.find((c) => c.field === 'field');
  const head = callee.children.find((c) => c.field === 'value' || c.field === 'operand');
  if (!name || !head || !tree.text.slice(head.end, name.start).includes('\n')) return node;
  return { type: node.type, named: true, field: node.field, start: name.start, end: node.end, parent: node.parent, children: [] };
}

/** A value read from the request at this call (`r.FormValue("q")`, `c.Query("q")`). */
export function sourceAt(site: CallSite, tree: SyntaxTree, what: string): Value {
  const node = site.expr.node;
  return { level: Level.Tainted, origin: { code: tree.textOf(node).split('\n')[0]!.trim(), line: tree.line(node), what } };
}

/** The lower-case words of identifiers and text: `newSessionToken` → new, session, token; `API_KEY` → api, key. */
export function words(text: string): string[] {
  return text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g)?.map((w) => w.toLowerCase()) ?? [];
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode', 'credential', 'credentials', 'secret', 'pin', 'pincode']);
const SECRET_WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'session', 'sid', 'nonce', 'otp', 'totp', 'hotp', 'mfa', 'salt', 'csrf', 'xsrf',
  'reset', 'apikey', 'key', 'auth', 'verification', 'verify', 'invite', 'invitation', 'cookie', 'signing', 'confirmation',
  'pin', 'recovery', 'credential', 'credentials',
]);
/** Words that make a `code` something other than a one-time code. */
const NOT_SECRET_CODE = new Set(['status', 'error', 'err', 'exit', 'http', 'country', 'zip', 'postal', 'lang', 'language', 'color', 'currency', 'area', 'response', 'return', 'source', 'char', 'key', 'op']);

/** True when identifiers in `text` name a password or credential (a weak hash of it is CWE-328). */
export function passwordContext(text: string): boolean {
  return words(text).some((w) => PASSWORD_WORDS.has(w));
}

/**
 * True when identifiers in `text` name a secret (a token, a session ID, a reset or one-time
 * code): a weak random number for it is CWE-330. `code` counts unless the same identifier says
 * it is a status, error or country code.
 */
export function secretContext(text: string): boolean {
  for (const identifier of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const ws = words(identifier);
    if (ws.some((w) => SECRET_WORDS.has(w))) return true;
    if (ws.includes('code') && !ws.some((w) => NOT_SECRET_CODE.has(w))) return true;
  }
  return false;
}

/**
 * The line a call is on and the function's name: what the context rules read. Package
 * qualifiers are left out (`token.Pos(…)` in Go's `go/token` is not about a token).
 */
export function contextText(site: CallSite, tree: SyntaxTree): string {
  const node = site.expr.node;
  const start = tree.text.lastIndexOf('\n', node.start) + 1;
  const end = tree.text.indexOf('\n', node.start);
  let line = tree.text.slice(start, end === -1 ? undefined : end);
  const packages = factsOf(tree)?.packages;
  if (packages?.size) line = line.replace(/\b([A-Za-z_]\w*)\s*(?:\.|::)(?=\s*[A-Za-z_])/g, (whole, name: string) => (packages.has(name) ? ' ' : whole));
  return `${line} ${site.fn?.name ?? ''}`;
}

/** True for the needle of a deny-list check: punctuation only (`".."`, `"/"`, `";|&"`), not a word. */
export function denyList(needle: unknown): boolean {
  return typeof needle === 'string' ? needle.length > 0 && /^[^\p{L}\p{N}\s]+$/u.test(needle) : typeof needle === 'number' && needle > 32 && needle < 127 && /[^\w\s]/.test(String.fromCharCode(needle));
}

/**
 * The lines of the function that use the local a call's result is stored in (`h := md5.New()`
 * … `io.WriteString(h, password)`): what the object is then used for, as context.
 */
export function usageContext(site: CallSite, tree: SyntaxTree): string {
  let node: SyntaxNode | undefined = site.expr.node;
  for (let depth = 0; node && depth < 6 && !/^(?:short_var_declaration|assignment_statement|var_spec|let_declaration|assignment_expression)$/.test(node.type); depth++) node = node.parent;
  const target = node?.children.find((c) => c.field === 'left' || c.field === 'pattern' || c.field === 'name');
  const name = target ? /^(?:mut\s+)?([A-Za-z_]\w*)$/.exec(tree.textOf(target).trim())?.[1] : undefined;
  if (!name || !site.fn) return '';
  const uses = new RegExp(`\\b${name}\\b`);
  return tree
    .textOf(site.fn.node)
    .split('\n')
    .filter((line) => uses.test(line))
    .slice(0, 20)
    .join(' ');
}

/** A URL whose scheme and host are written out in full before anything is appended: `https://api.example.com/…`. */
const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[/?#]/i;
/** A path on this site: `/orders/…`, not `//evil.example` or `/\evil.example`. */
const LOCAL_PATH = /^\/(?![/\\])/;

/** True when a URL that starts with `text` goes to the host written in it, whatever follows. */
export function fixedOrigin(text: string | undefined): boolean {
  return text !== undefined && FIXED_ORIGIN.test(text);
}

/** True when a redirect target that starts with `text` stays on this site (a local path or a fixed origin). */
export function staysOnSite(text: string | undefined): boolean {
  return text !== undefined && (LOCAL_PATH.test(text) || FIXED_ORIGIN.test(text));
}

/**
 * The constant text a string expression starts with, when it is written there: a literal, the
 * left of a concatenation, the first piece of a template or of a format string (up to its first
 * placeholder). `format` gives the format string of a formatting call, if `expr` is one.
 */
export function leadingText(expr: Expr, format?: (call: Expr & { k: 'call' }) => string | undefined): string | undefined {
  switch (expr.k) {
    case 'lit':
      return typeof expr.value === 'string' ? expr.value : undefined;
    case 'binary':
      if (expr.op !== '+') return undefined;
      return leadingText(expr.left, format);
    case 'template': {
      const first = expr.parts[0];
      return first ? leadingText(first, format) : undefined;
    }
    case 'call':
      return format?.(expr);
    default:
      return undefined;
  }
}

/** The kind a built URL gets from the text it starts with, so a sink further on knows it. */
export function urlKind(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  if (FIXED_ORIGIN.test(prefix)) return 'url:fixed-origin';
  if (LOCAL_PATH.test(prefix)) return 'url:local';
  return undefined;
}

/** What a lowerer learnt about a file's own functions, for its rules. */
export interface LocalFacts {
  /** Free functions whose every `return` is a constant (`fn registered_endpoint(n) -> Option<&str> { match n { "a" => Some("…"), _ => None } }`): calling them yields no input. */
  constantFunctions: Set<string>;
  /** Names that are packages or crates here (`token`, `rand`, `md5`): not words of the code's meaning. */
  packages: Set<string>;
}

const facts = new WeakMap<SyntaxTree, LocalFacts>();

/** Records the facts of a lowered file. */
export function recordFacts(tree: SyntaxTree, value: LocalFacts): void {
  facts.set(tree, value);
}

/** The facts of a lowered file (none when it was not lowered by a Go or Rust lowerer). */
export function factsOf(tree: SyntaxTree): LocalFacts | undefined {
  return facts.get(tree);
}

/**
 * The names of free functions (not methods) that return only constants: literals, lists of
 * them, and constants wrapped in one of `wrappers` (`Some("…")`, `Ok(1)`). A name defined
 * twice is left out.
 */
export function constantFunctions(functions: FunctionIR[], wrappers: RegExp): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const constant = (e: Expr): boolean => {
    switch (e.k) {
      case 'lit':
        return true;
      case 'seq':
        return e.items.every(constant);
      case 'template':
        return e.parts.every(constant);
      case 'call':
        return wrappers.test(pathOf(e.callee) ?? '') && e.args.every((a) => constant(a.value));
      default:
        return false;
    }
  };
  const returnsConstants = (stmts: Stmt[]): { ok: boolean; any: boolean } => {
    let any = false;
    for (const s of stmts) {
      const parts: Stmt[][] = s.k === 'if' ? [s.then, s.otherwise] : s.k === 'loop' || s.k === 'block' ? [s.body] : s.k === 'branches' ? s.alternatives : [];
      if (s.k === 'return' && s.value) {
        if (!constant(s.value)) return { ok: false, any };
        any = true;
      }
      for (const p of parts) {
        const inner = returnsConstants(p);
        if (!inner.ok) return inner;
        any ||= inner.any;
      }
    }
    return { ok: true, any };
  };
  for (const fn of functions) {
    if (fn.owner !== undefined) continue;
    if (seen.has(fn.name)) {
      out.delete(fn.name);
      continue;
    }
    seen.add(fn.name);
    const result = returnsConstants(fn.body);
    if (result.ok && result.any) out.add(fn.name);
  }
  return out;
}

/** Operators whose operands can be regrouped without changing the result. */
const ASSOCIATIVE = new Set(['+', '*', '&&', '||', '&', '|', '^']);

/**
 * A binary expression lowered without recursing once per operand: `a + b + … + z` with thousands
 * of terms (generated code, embedded assets) becomes a balanced tree, so neither the lowering nor
 * the analysis runs out of stack.
 */
export function binaryChain(node: SyntaxNode, tree: SyntaxTree, lower: (operand: SyntaxNode) => Expr): Expr {
  const opOf = (n: SyntaxNode) => {
    const operator = n.children.find((c) => c.field === 'operator');
    return operator ? tree.textOf(operator) : '?';
  };
  const op = opOf(node);
  const operands: SyntaxNode[] = [];
  let n: SyntaxNode | undefined = node;
  while (n && n.type === 'binary_expression' && opOf(n) === op) {
    const right = n.children.find((c) => c.field === 'right');
    if (right) operands.push(right);
    n = n.children.find((c) => c.field === 'left');
  }
  if (n) operands.push(n);
  operands.reverse();
  const lowered = operands.map(lower);
  if (lowered.length === 1) return lowered[0]!;
  if (lowered.length <= 16 || !ASSOCIATIVE.has(op)) return lowered.reduce((left, right) => ({ k: 'binary', op, left, right, node }));
  const balance = (items: Expr[]): Expr => {
    if (items.length === 1) return items[0]!;
    const middle = items.length >> 1;
    return { k: 'binary', op, left: balance(items.slice(0, middle)), right: balance(items.slice(middle)), node };
  };
  return balance(lowered);
}

/** Method chains longer than this are read for their values only (each link's arguments), not call by call. */
export const LONG_CHAIN = 128;

/**
 * The links of a method chain `base.a(x).b(y)…`, counted without recursion: the base and each
 * call's argument list, innermost first. `member` is the grammar's field access (`field_expression`
 * in Rust, `selector_expression` in Go); `await`/`?` between links are passed through.
 */
export function chainLinks(node: SyntaxNode, member: string): { base: SyntaxNode; argumentLists: SyntaxNode[] } {
  const argumentLists: SyntaxNode[] = [];
  let n = node;
  for (;;) {
    if (n.type === 'try_expression' || n.type === 'await_expression' || n.type === 'parenthesized_expression') {
      const inner = n.children.find((c) => c.named && c.type !== 'await');
      if (!inner) break;
      n = inner;
      continue;
    }
    if (n.type !== 'call_expression') break;
    const fn = n.children.find((c) => c.field === 'function');
    const args = n.children.find((c) => c.field === 'arguments');
    if (!fn || fn.type !== member) break;
    if (args) argumentLists.push(args);
    const object = fn.children.find((c) => c.field === 'value' || c.field === 'operand');
    if (!object) break;
    n = object;
  }
  return { base: n, argumentLists: argumentLists.reverse() };
}

/** `else if` chains and `switch` cases longer than this are lowered as flat alternatives. */
export const LONG_BRANCH_CHAIN = 64;

/** How many links a chain has, following `next` without recursion (`if … else if …`). */
export function chainLength(node: SyntaxNode, next: (n: SyntaxNode) => SyntaxNode | undefined): number {
  let length = 0;
  for (let n: SyntaxNode | undefined = node; n && length <= LONG_BRANCH_CHAIN; n = next(n)) length++;
  return length;
}
