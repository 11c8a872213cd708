/**
 * Intra-procedural taint tracking over the lowered form (`ir.ts`): each function's statements
 * run in order on an abstract environment (name → value), following untrusted input from its
 * sources (request parameters, headers, bodies…) through assignments, string building,
 * containers and calls to the sinks where it does harm, minus what sanitisers and guards
 * clean. Branches are merged (a value is tainted after an `if` when either branch taints it),
 * a branch whose condition is a constant is the only one that runs, loops run twice (enough
 * for a value to travel round once), and a function's own parameters are of unknown origin
 * unless the framework says they come from the request.
 *
 * What a language contributes (sources, sinks, sanitisers) is in its `LanguageRules`.
 */
import type { SyntaxNode, SyntaxTree } from '../syntax/tree';
import { pathOf, rootName, type Arg, type Expr, type FunctionIR, type ModuleIR, type Stmt, type Target } from './ir';

/** A CWE identifier as written in findings, e.g. `CWE-89`. */
export type Cwe = `CWE-${number}`;

/** How much is known about where a value comes from. */
export const Level = {
  /** A constant, or cleaned by a sanitiser or a guard. */
  Clean: 0,
  /** Not a constant, origin unknown (a parameter of an ordinary function, a database row). */
  Unknown: 1,
  /** Comes from outside: a request, a header, a cookie, an uploaded file. */
  Tainted: 2,
} as const;
export type Level = (typeof Level)[keyof typeof Level];

/** Where untrusted input entered: the code that read it and its line. */
export interface Origin {
  code: string;
  line: number;
  /** What kind of input it is, for the finding's text ("the query parameter", "the request body"). */
  what: string;
}

/** The abstract value of an expression. */
export interface Value {
  level: Level;
  origin?: Origin;
  /** Classes the value is safe for although not clean (`shlex.quote` output is safe in a shell command, not in SQL). */
  safeFor?: ReadonlySet<Cwe>;
  /** The value itself when it is a known constant. */
  constant?: string | number | boolean | null;
  /** Entries under constant keys, for dicts, maps and objects built in the function. */
  fields?: Map<string, Value>;
  /** Built by interpolating or concatenating a non-constant into a string. */
  built?: boolean;
  /** A kind the rules gave it (`xml-parser:unsafe`, `ObjectInputStream`), looked up by receiver sinks. */
  kind?: string;
  /**
   * The result of a call the analysis does not know (`json.loads(x)`, `fh.read()`): it carries
   * its inputs' taint, but what it is (a string, an object, a response) is unknown, so sinks that
   * need text (a response body) do not take it unless it is then built into a string.
   */
  opaque?: boolean;
  /**
   * The constant text a string built here starts with (`"/orders/" + id`, `f"https://api/{x}"`):
   * a fixed scheme, host or path pins where a URL goes whatever follows.
   */
  prefix?: string;
  /** The constants a clean value may be when branches gave it different ones (`"cmd.exe"` or `"sh"`). */
  choices?: readonly (string | number | boolean | null)[];
}

export const CLEAN: Value = { level: Level.Clean };
export const UNKNOWN: Value = { level: Level.Unknown };

/** A sink: a place where a value of some origin does harm. */
export interface SinkHit {
  cwe: Cwe;
  /** Rule ID for the finding (`python-sql-injection`). */
  rule: string;
  /** The value that reaches the sink. */
  value: Value;
  /** How to report a value of unknown origin: `any` non-constant, only when `built` into a string, or never. */
  unknownOrigin: 'any' | 'built' | 'never';
  /** The sink's code for the finding ("cursor.execute(query)"). */
  node: SyntaxNode;
  /** What the sink does, for the finding's text ("an SQL query", "a shell command"). */
  what: string;
  /** Reported whatever the value: the construct itself is the flaw (a weak hash for a password). */
  pattern?: boolean;
}

/** What the interpreter tells the rules about a call it is evaluating. */
export interface CallSite {
  /** The callee's path with imports resolved (`subprocess.run`, `cur.execute`, `child_process.exec`), or undefined. */
  path: string | undefined;
  /** The method name when the callee is `receiver.method`, else the function name. */
  method: string | undefined;
  /** The receiver's value for method calls. */
  receiver: Value | undefined;
  receiverExpr: Expr | undefined;
  args: { name?: string; value: Value; expr: Expr; spread?: boolean }[];
  isNew: boolean;
  expr: Expr & { k: 'call' };
  fn: FunctionIR | undefined;
  /** The value of a name in scope (used by rules that look at a factory's settings). */
  lookup(name: string): Value | undefined;
}

/** The contribution of one language. */
export interface LanguageRules {
  /** The value of a parameter at entry: tainted for request data in handlers; undefined means unknown origin. */
  param(fn: FunctionIR, index: number, module: ModuleIR, tree: SyntaxTree): Value | undefined;
  /** A source reached by reading `path` (an attribute chain with imports resolved, like `flask.request.args`), if it is one; null when what it reads is not data (clean). */
  sourceAttr?(path: string, fn: FunctionIR | undefined): string | null | undefined;
  /** The value of a call when the rules know it: a source, a sanitiser, a constructor of a kind. Undefined: propagate. */
  call(site: CallSite, tree: SyntaxTree): Value | undefined;
  /** Sinks the call reaches. */
  sinks(site: CallSite, tree: SyntaxTree): SinkHit[];
  /** Sinks of an assignment (`element.innerHTML = x`, `session["k"] = x`). */
  assignmentSinks?(target: Target, value: Value, targetPath: string | undefined, node: SyntaxNode, fn: FunctionIR | undefined): SinkHit[];
  /** Sinks of a `return` in `fn` (a handler's response body). */
  returnSinks?(fn: FunctionIR, value: Value, expr: Expr, node: SyntaxNode): SinkHit[];
  /** Calls that never return (`abort(404)`, `sys.exit()`). */
  exits?(site: CallSite): boolean;
  /** Names a guard's call validates (`ALLOWED.has(x)`, `x.isdigit()`): the expressions whose root names it makes clean when true. */
  guardCall?(site: CallSite): Expr[];
  /** Names a call validates when it is false: a deny-list check that found nothing (`strings.Contains(name, "..")`, `name.contains("..")`). */
  guardCallFalse?(site: CallSite): Expr[];
  /** Mutating methods (`append`, `put`, `push`) that pass their arguments' taint to the receiver. */
  mutators?: ReadonlySet<string>;
  /**
   * The receiver's value after a call that changes what it is (`factory.setFeature(…)` making a
   * parser safe, `cookie.setSecure(true)`, `builder.append(x)`), if the call does: the local the
   * receiver is rooted at takes it.
   */
  receiverAfter?(site: CallSite): Value | undefined;
}

/** A sink reached by a value that should be reported, with what the rules need to word it. */
export interface TaintFinding {
  hit: SinkHit;
  /** The level that reached it (tainted or unknown). */
  level: typeof Level.Tainted | typeof Level.Unknown;
  fn: FunctionIR | undefined;
}

type Env = Map<string, Value>;

/** Joins two values: the more dangerous level, the classes both are safe for, shared constants. */
export function join(a: Value, b: Value): Value {
  if (a === b) return a;
  const level = Math.max(a.level, b.level) as Level;
  const origin = a.level >= b.level ? (a.origin ?? b.origin) : (b.origin ?? a.origin);
  const out: Value = { level };
  if (origin && level === Level.Tainted) out.origin = origin;
  const safeFor = intersect(a.level ? a.safeFor : undefined, b.level ? b.safeFor : undefined, a.level === Level.Clean, b.level === Level.Clean);
  if (safeFor) out.safeFor = safeFor;
  if (a.constant !== undefined && a.constant === b.constant) out.constant = a.constant;
  else if (level === Level.Clean) {
    const ac = a.constant !== undefined ? [a.constant] : a.choices;
    const bc = b.constant !== undefined ? [b.constant] : b.choices;
    const choices = ac && bc ? [...new Set([...ac, ...bc])] : undefined;
    if (choices && choices.length <= 8) out.choices = choices;
  }
  if (a.built || b.built) out.built = true;
  if (a.opaque || b.opaque) out.opaque = true;
  // A constant side does not change what the input-bearing side starts with.
  const prefix = a.level === Level.Clean && a.prefix === undefined ? b.prefix : b.level === Level.Clean && b.prefix === undefined ? a.prefix : a.prefix === b.prefix ? a.prefix : undefined;
  if (prefix !== undefined) out.prefix = prefix;
  if (a.kind && a.kind === b.kind) out.kind = a.kind;
  else if (a.kind || b.kind) out.kind = a.kind ?? b.kind;
  if (a.fields || b.fields) {
    const fields = new Map<string, Value>();
    for (const key of new Set([...(a.fields?.keys() ?? []), ...(b.fields?.keys() ?? [])])) {
      fields.set(key, join(a.fields?.get(key) ?? CLEAN, b.fields?.get(key) ?? CLEAN));
    }
    out.fields = fields;
  }
  return out;
}

function intersect(a: ReadonlySet<Cwe> | undefined, b: ReadonlySet<Cwe> | undefined, aClean: boolean, bClean: boolean): ReadonlySet<Cwe> | undefined {
  if (aClean) return b;
  if (bClean) return a;
  if (!a || !b) return undefined;
  const out = new Set([...a].filter((c) => b.has(c)));
  return out.size ? out : undefined;
}

/** The value of a whole container: its own level joined with every entry's. */
export function flatten(value: Value): Value {
  if (!value.fields) return value;
  let out: Value = { ...value, fields: undefined };
  delete out.fields;
  for (const entry of value.fields.values()) out = join(out, flatten(entry));
  return out;
}

/** A value made clean (a guard passed, a sanitiser ran): keeps its constant. */
function cleaned(value: Value): Value {
  return value.constant !== undefined ? { level: Level.Clean, constant: value.constant } : CLEAN;
}

function truthy(constant: string | number | boolean | null): boolean {
  return !(constant === null || constant === false || constant === 0 || constant === '');
}

const MAX_STEPS = 200_000;

/**
 * Runs the analysis over one lowered file.
 * @returns the sinks reached by tainted or unknown-origin values (the rules decide which to report).
 */
export function analyseModule(module: ModuleIR, rules: LanguageRules, tree: SyntaxTree): TaintFinding[] {
  return analyseModuleFully(module, rules, tree).findings;
}

/**
 * `analyseModule`, also naming the functions whose analysis stopped at the step limit
 * (`MAX_STEPS`): what they hold past that point is not reported, and a reader should know.
 */
export function analyseModuleFully(module: ModuleIR, rules: LanguageRules, tree: SyntaxTree): { findings: TaintFinding[]; incomplete: FunctionIR[] } {
  const interpreter = new Interpreter(module, rules, tree);
  const findings = interpreter.run();
  return { findings, incomplete: interpreter.incomplete };
}

class Interpreter {
  private readonly findings: TaintFinding[] = [];
  private readonly moduleConstants: Env = new Map();
  private fn: FunctionIR | undefined;
  private steps = 0;
  /** Loops being run, outermost first: only the outer ones run their body twice (nested loops would multiply). */
  private loopDepth = 0;
  /** Functions whose analysis stopped at the step limit. */
  readonly incomplete: FunctionIR[] = [];
  /** The scope each closure was created in (`func` expressions): names it reads but does not bind are looked up there. */
  private readonly captured = new Map<FunctionIR, Scope>();
  /** The enclosing scopes of the function being analysed, innermost first. */
  private outer: Scope | undefined;
  /** What the call a closure is passed to hands it (`rows.map(r => …)`, `exec(cmd, (err, out) => …)`). */
  private readonly callbackInputs = new Map<FunctionIR, Value>();

  constructor(
    private readonly module: ModuleIR,
    private readonly rules: LanguageRules,
    private readonly tree: SyntaxTree,
  ) {}

  run(): TaintFinding[] {
    const top: Env = new Map();
    this.fn = undefined;
    this.block(this.module.topLevel, top);
    // Module-level names bound once to a constant stay constants inside functions.
    const assigned = new Map<string, number>();
    for (const stmt of this.module.topLevel) if (stmt.k === 'assign' && stmt.target.k === 'name') assigned.set(stmt.target.name, (assigned.get(stmt.target.name) ?? 0) + 1);
    for (const [name, value] of top) if (assigned.get(name) === 1 && value.level === Level.Clean) this.moduleConstants.set(name, value);
    for (const fn of this.module.functions) {
      this.fn = fn;
      this.steps = 0;
      // A closure sees the values in scope where it was created.
      this.outer = this.captured.get(fn);
      const env: Env = new Map();
      fn.params.forEach((p, i) => {
        let value = this.rules.param(fn, i, this.module, this.tree) ?? this.callbackInputs.get(fn) ?? UNKNOWN;
        if (value.origin && value.origin.line === 0) value = { ...value, origin: { ...value.origin, line: this.tree.line(fn.node) } };
        env.set(p.name, value);
        for (const binding of p.bindings ?? []) env.set(binding, value);
      });
      try {
        this.block(fn.body, env);
      } catch (err) {
        if (!(err instanceof StepLimit)) throw err;
        this.incomplete.push(fn);
      }
      this.loopDepth = 0;
    }
    return this.findings;
  }

  /** Runs statements; returns false when control cannot continue past them (return, raise). */
  private block(stmts: Stmt[], env: Env): boolean {
    for (const stmt of stmts) if (!this.stmt(stmt, env)) return false;
    return true;
  }

  private stmt(stmt: Stmt, env: Env): boolean {
    if (++this.steps > MAX_STEPS) throw new StepLimit();
    switch (stmt.k) {
      case 'assign': {
        let value = this.eval(stmt.value, env);
        if (stmt.op) value = join(this.eval(targetExpr(stmt.target), env), { ...value, built: value.level > 0 || undefined } as Value);
        this.assign(stmt.target, value, env, stmt.node);
        return true;
      }
      case 'expr': {
        const expr = stmt.expr;
        this.eval(expr, env);
        if (expr.k === 'call' && this.rules.exits?.(this.site(expr, env))) return false;
        return true;
      }
      case 'if': {
        const test = this.eval(stmt.test, env);
        if (test.constant !== undefined && test.level === Level.Clean) {
          return this.block(truthy(test.constant) ? stmt.then : stmt.otherwise, env);
        }
        const guards = this.guards(stmt.test, env);
        const thenEnv = new Map(env);
        for (const name of guards.whenTrue) if (thenEnv.has(name) || this.lookup(name, env) || name.includes('.')) thenEnv.set(name, cleaned(this.lookup(name, env) ?? CLEAN));
        const elseEnv = new Map(env);
        for (const name of guards.whenFalse) if (elseEnv.has(name) || this.lookup(name, env) || name.includes('.')) elseEnv.set(name, cleaned(this.lookup(name, env) ?? CLEAN));
        const thenLive = this.block(stmt.then, thenEnv);
        const elseLive = this.block(stmt.otherwise, elseEnv);
        if (!thenLive && !elseLive) return false;
        replace(env, thenLive && elseLive ? merge(thenEnv, elseEnv) : thenLive ? thenEnv : elseEnv);
        return true;
      }
      case 'loop': {
        if (stmt.test) {
          const test = this.eval(stmt.test, env);
          if (test.constant !== undefined && test.level === Level.Clean && !truthy(test.constant)) return true;
        }
        let current = new Map(env);
        // Twice lets a value travel round once; below three levels of loops once is enough,
        // or nested loops would cost 2^depth (15 nested loops hit the step limit).
        const rounds = this.loopDepth < 3 ? 2 : 1;
        this.loopDepth += 1;
        try {
          for (let round = 0; round < rounds; round++) {
            const bodyEnv = new Map(current);
            if (stmt.each) this.assign(stmt.each.target, this.element(this.eval(stmt.each.iterable, bodyEnv)), bodyEnv, stmt.node);
            this.block(stmt.body, bodyEnv);
            current = merge(current, bodyEnv);
          }
        } finally {
          this.loopDepth -= 1;
        }
        replace(env, current);
        return true;
      }
      case 'return': {
        if (stmt.value) {
          const value = this.eval(stmt.value, env);
          if (this.fn) for (const hit of this.rules.returnSinks?.(this.fn, value, stmt.value, stmt.node) ?? []) this.hit(hit);
        }
        return false;
      }
      case 'exit':
        if (stmt.value) this.eval(stmt.value, env);
        return false;
      case 'block':
        return this.block(stmt.body, env);
      case 'branches': {
        const results: Env[] = [];
        for (const alternative of stmt.alternatives) {
          const branchEnv = new Map(env);
          if (this.block(alternative, branchEnv)) results.push(branchEnv);
        }
        if (!results.length) return false;
        replace(env, results.reduce((a, b) => merge(a, b)));
        return true;
      }
    }
  }

  private element(container: Value): Value {
    return flatten({ ...container, constant: undefined });
  }

  private assign(target: Target, value: Value, env: Env, node: SyntaxNode): void {
    switch (target.k) {
      case 'name':
        env.set(target.name, value);
        break;
      case 'attr': {
        const path = pathOf({ k: 'attr', object: target.object, name: target.name, node: target.node });
        for (const hit of this.rules.assignmentSinks?.(target, value, path && this.resolve(path), node, this.fn) ?? []) this.hit(hit);
        this.storeField(target.object, target.name, value, env);
        break;
      }
      case 'index': {
        const key = this.eval(target.index, env);
        const path = pathOf(target.object);
        for (const hit of this.rules.assignmentSinks?.(target, value, path && this.resolve(path), node, this.fn) ?? []) this.hit(hit);
        this.storeField(target.object, key.constant !== undefined && key.level === Level.Clean ? String(key.constant) : undefined, value, env);
        break;
      }
      case 'tuple': {
        const whole = value;
        target.items.forEach((item, i) => {
          const part = item.key !== undefined ? (whole.fields?.get(item.key) ?? flatten(whole)) : (whole.fields?.get(String(i)) ?? flatten(whole));
          this.assign(item.target, { ...part, constant: item.key === undefined && whole.fields ? part.constant : undefined }, env, node);
        });
        break;
      }
      case 'ignore':
        break;
    }
  }

  /** `obj.name = value` / `obj[key] = value`: the object (a local) now holds the value under that key. */
  private storeField(object: Expr, key: string | undefined, value: Value, env: Env): void {
    if (object.k !== 'name') {
      // `a.b.c = x`: the root local carries the taint.
      const root = rootName(object);
      if (root && env.has(root)) env.set(root, join(env.get(root)!, { ...value, constant: undefined, fields: undefined }));
      return;
    }
    const current = this.lookup(object.name, env) ?? UNKNOWN;
    if (key === undefined) {
      env.set(object.name, join(current, { ...flatten(value), constant: undefined }));
      return;
    }
    const fields = new Map(current.fields ?? []);
    fields.set(key, value);
    env.set(object.name, { ...current, fields, constant: undefined });
  }

  private lookup(name: string, env: Env): Value | undefined {
    const own = env.get(name);
    if (own) return own;
    for (let scope = this.outer; scope; scope = scope.outer) {
      const value = scope.env.get(name);
      if (value) return value;
    }
    return this.moduleConstants.get(name);
  }

  /** True when a local (of this function or one it is written in) has the name. */
  private bound(name: string, env: Env): boolean {
    if (env.has(name)) return true;
    for (let scope = this.outer; scope; scope = scope.outer) if (scope.env.has(name)) return true;
    return false;
  }

  /** Replaces the first segment of a path by what it was imported as. */
  private resolve(path: string): string {
    const dot = path.indexOf('.');
    const head = dot === -1 ? path : path.slice(0, dot);
    const imported = this.module.imports.get(head);
    if (imported === undefined) return path;
    return dot === -1 ? imported : imported + path.slice(dot);
  }

  private site(expr: Expr & { k: 'call' }, env: Env, values?: { receiver: Value | undefined; args: Value[] }): CallSite {
    const callee = expr.callee;
    const raw = pathOf(callee);
    const path = raw === undefined ? undefined : this.resolve(raw);
    const receiverExpr = callee.k === 'attr' ? callee.object : undefined;
    const receiver = values ? values.receiver : receiverExpr ? this.evalQuiet(receiverExpr, env) : undefined;
    const argValues = values?.args ?? expr.args.map((a) => this.evalQuiet(a.value, env));
    return {
      path,
      method: callee.k === 'attr' ? callee.name : callee.k === 'name' ? callee.name : undefined,
      receiver,
      receiverExpr,
      args: expr.args.map((a: Arg, i) => ({ ...(a.name !== undefined ? { name: a.name } : {}), value: argValues[i] ?? UNKNOWN, expr: a.value, ...(a.spread ? { spread: true } : {}) })),
      isNew: expr.isNew ?? false,
      expr,
      fn: this.fn,
      lookup: (name) => this.lookup(name, env),
    };
  }

  /** Evaluates without reporting (for a site rebuilt by `exits`). */
  private evalQuiet(expr: Expr, env: Env): Value {
    const saved = this.findings.length;
    const value = this.eval(expr, env);
    this.findings.length = saved;
    return value;
  }

  private hit(hit: SinkHit): void {
    if (hit.pattern) {
      this.findings.push({ hit, level: Level.Tainted, fn: this.fn });
      return;
    }
    const value = hit.value;
    if (value.level === Level.Clean) return;
    if (value.safeFor?.has(hit.cwe)) return;
    if (value.level === Level.Tainted) {
      this.findings.push({ hit, level: Level.Tainted, fn: this.fn });
      return;
    }
    if (hit.unknownOrigin === 'any' || (hit.unknownOrigin === 'built' && value.built)) this.findings.push({ hit, level: Level.Unknown, fn: this.fn });
  }

  eval(expr: Expr, env: Env): Value {
    if (++this.steps > MAX_STEPS) throw new StepLimit();
    switch (expr.k) {
      case 'lit':
        return { level: Level.Clean, constant: expr.value };
      case 'name': {
        const value = this.lookup(expr.name, env);
        if (value) return value;
        const source = this.rules.sourceAttr?.(this.resolve(expr.name), this.fn);
        if (source) return this.tainted(expr, source);
        // A name the rules know is not data (a class or a constant in Java).
        if (source === null) return CLEAN;
        return UNKNOWN;
      }
      case 'attr': {
        const path = pathOf(expr);
        // `if (!ALLOWED.has(req.query.sort)) return`: that read of the request was validated.
        const checked = path === undefined ? undefined : this.lookup(path, env);
        if (checked && checked.level === Level.Clean) return checked;
        const resolved = path === undefined ? undefined : this.resolve(path);
        const source = resolved === undefined ? undefined : this.rules.sourceAttr?.(resolved, this.fn);
        if (source) return this.tainted(expr, source);
        if (source === null) return CLEAN;
        const object = this.eval(expr.object, env);
        const entry = object.fields?.get(expr.name);
        if (entry) return entry;
        return { ...flatten(object), constant: undefined, kind: object.kind };
      }
      case 'index': {
        const object = this.eval(expr.object, env);
        const key = this.eval(expr.index, env);
        if (key.constant !== undefined && key.level === Level.Clean && object.fields) {
          const entry = object.fields.get(String(key.constant));
          if (entry) return entry;
        }
        return this.widenOrigin({ ...flatten(object), constant: undefined }, expr, expr.object);
      }
      case 'call':
        return this.call(expr, env);
      case 'template': {
        let out: Value = CLEAN;
        let text = '';
        let constant = true;
        let hasLiteral = false;
        let prefix: string | undefined;
        for (const part of expr.parts) {
          const value = flatten(this.eval(part, env));
          if (part === expr.parts[0]) prefix = leading(part, value);
          if (part.k === 'lit') hasLiteral = true;
          if (value.constant === undefined || value.level !== Level.Clean) constant = false;
          else text += String(value.constant);
          out = join(out, { ...value, constant: undefined, kind: undefined });
        }
        if (constant) return { level: Level.Clean, constant: text };
        const built: Value = { ...out, built: out.level > 0 && (hasLiteral || expr.parts.length > 1) ? true : out.built };
        return withPrefix(built, prefix);
      }
      case 'binary':
        return this.binary(expr, env);
      case 'unary': {
        const operand = this.eval(expr.operand, env);
        if (operand.constant !== undefined && operand.level === Level.Clean) {
          if (expr.op === 'not' || expr.op === '!') return { level: Level.Clean, constant: !truthy(operand.constant) };
          if (expr.op === '-' && typeof operand.constant === 'number') return { level: Level.Clean, constant: -operand.constant };
        }
        return expr.op === 'not' || expr.op === '!' ? CLEAN : { ...operand, constant: undefined };
      }
      case 'seq': {
        const fields = new Map<string, Value>();
        let out: Value = CLEAN;
        expr.items.forEach((item, i) => {
          const value = this.eval(item, env);
          fields.set(String(i), value);
          out = join(out, flatten(value));
        });
        return { level: out.level, ...(out.origin ? { origin: out.origin } : {}), ...(out.safeFor ? { safeFor: out.safeFor } : {}), fields };
      }
      case 'map': {
        const fields = new Map<string, Value>();
        let level: Value = CLEAN;
        for (const entry of expr.entries) {
          const value = this.eval(entry.value, env);
          if (!entry.key) {
            for (const [k, v] of value.fields ?? []) fields.set(k, v);
            if (!value.fields) level = join(level, value);
            continue;
          }
          const key = this.eval(entry.key, env);
          if (key.constant !== undefined && key.level === Level.Clean) fields.set(String(key.constant), value);
          else level = join(level, join(key, flatten(value)));
        }
        return { ...level, fields, constant: undefined, ...(expr.typeName ? { kind: expr.typeName } : {}) };
      }
      case 'cond': {
        const test = this.eval(expr.test, env);
        if (test.constant !== undefined && test.level === Level.Clean) return this.eval(truthy(test.constant) ? expr.then : expr.otherwise, env);
        // `ALLOWED.has(x) ? x : 'default'`: each side runs with what the test validated.
        const guards = this.guards(expr.test, env);
        return join(this.eval(expr.then, this.validated(env, guards.whenTrue)), this.eval(expr.otherwise, this.validated(env, guards.whenFalse)));
      }
      case 'func': {
        // The scope is kept by reference: the closure sees its variables as they end up (JavaScript closures read them live).
        const before = this.captured.get(expr.fn);
        if (!before) this.captured.set(expr.fn, { env, outer: this.outer });
        else if (before.env !== env) this.captured.set(expr.fn, { env: merge(before.env, env), outer: this.outer });
        return CLEAN;
      }
      case 'unknown': {
        let out: Value = expr.parts.length ? CLEAN : UNKNOWN;
        for (const part of expr.parts) out = join(out, flatten(this.eval(part, env)));
        return { ...out, constant: undefined };
      }
    }
  }

  /**
   * `request.args["x"]`, `request.args.get("x")`: when the input was read right here, the
   * finding names the whole expression, not just `request.args`.
   */
  private widenOrigin(value: Value, expr: Expr, inner: Expr): Value {
    const origin = value.origin;
    if (!origin || value.level !== Level.Tainted) return value;
    if (origin.line !== this.tree.line(inner.node) || origin.code !== this.tree.textOf(inner.node)) return value;
    return { ...value, origin: { ...origin, code: this.tree.textOf(expr.node) } };
  }

  private tainted(expr: Expr, what: string): Value {
    return { level: Level.Tainted, origin: { code: this.tree.textOf(expr.node), line: this.tree.line(expr.node), what } };
  }

  private binary(expr: Expr & { k: 'binary' }, env: Env): Value {
    const left = this.eval(expr.left, env);
    const right = this.eval(expr.right, env);
    const lc = left.level === Level.Clean ? left.constant : undefined;
    const rc = right.level === Level.Clean ? right.constant : undefined;
    const op = expr.op;
    if (lc !== undefined && rc !== undefined) {
      const folded = fold(op, lc, rc);
      if (folded !== undefined) return { level: Level.Clean, constant: folded };
    }
    switch (op) {
      case '==': case '!=': case '===': case '!==': case '<': case '>': case '<=': case '>=':
      case 'in': case 'not in': case 'is': case 'is not': case 'instanceof':
        return CLEAN;
      case 'and': case '&&': {
        if (lc !== undefined) return truthy(lc) ? right : left;
        return join(left, right);
      }
      case 'or': case '||': case '??': {
        if (lc !== undefined && op !== '??') return truthy(lc) ? left : right;
        return join(left, right);
      }
      default: {
        const out = join(flatten(left), flatten(right));
        const stringy = typeof lc === 'string' || typeof rc === 'string' || expr.left.k === 'template' || expr.right.k === 'template';
        const built: Value = { ...out, constant: undefined, kind: undefined, ...(out.level > 0 && (stringy || op === '%' || op === '+') ? { built: true } : {}) };
        return withPrefix(built, op === '+' ? leading(expr.left, left) : undefined);
      }
    }
  }

  /** True when `expr` names an imported module or package (`os.path`, `subprocess`), not a value. */
  private isNamespace(expr: Expr, env: Env): boolean {
    const root = rootName(expr);
    if (root === undefined || expr.k === 'call' || expr.k === 'index' || this.bound(root, env) || !this.module.imports.has(root)) return false;
    const path = pathOf(expr);
    // An imported object that is a source (`from flask import request`) is a value, not a namespace.
    return path !== undefined && this.rules.sourceAttr?.(this.resolve(path), this.fn) === undefined;
  }

  private call(expr: Expr & { k: 'call' }, env: Env): Value {
    const receiver = expr.callee.k === 'attr' && !this.isNamespace(expr.callee.object, env) ? this.eval(expr.callee.object, env) : undefined;
    if (expr.callee.k !== 'attr' && expr.callee.k !== 'name') this.eval(expr.callee, env);
    const args = expr.args.map((a) => this.eval(a.value, env));
    if (expr.args.some((a) => a.value.k === 'func')) this.handToCallbacks(expr, receiver, args);
    const site = this.site(expr, env, { receiver, args });
    for (const hit of this.rules.sinks(site, this.tree)) this.hit(hit);
    const known = this.rules.call(site, this.tree);
    // Mutators: `list.append(x)`, `sb.append(x)`, `map.put(k, v)` put their arguments into the receiver.
    if (site.method && this.rules.mutators?.has(site.method) && expr.callee.k === 'attr') {
      const object = expr.callee.object;
      const [first, second] = site.args;
      if (second && first && first.value.constant !== undefined && first.value.level === Level.Clean && /^(?:put|set|setdefault|insert|__setitem__|Set|Add|Store)$/.test(site.method)) {
        this.storeField(object, String(first.value.constant), second.value, env);
      } else {
        let added: Value = CLEAN;
        for (const a of site.args) added = join(added, flatten(a.value));
        if (added.level > 0) this.storeField(object, undefined, added, env);
      }
    }
    const after = expr.callee.k === 'attr' ? this.rules.receiverAfter?.(site) : undefined;
    if (after && expr.callee.k === 'attr') {
      const root = rootName(expr.callee.object);
      if (root !== undefined) env.set(root, after);
    }
    const result = known ?? this.propagate(receiver, args, site, expr);
    // `json.Unmarshal(body, &req)`, `rows.Scan(&id)`, `c.ShouldBindJSON(&req)`: what the call
    // reads (or the source it is) is written into the arguments passed by reference.
    if (expr.args.some((a) => a.ref)) {
      const written: Value = { ...flatten(result), constant: undefined, kind: undefined };
      for (const a of expr.args) if (a.ref) this.writeRef(a.value, written, env);
    }
    return result;
  }

  /** Unknown calls pass their inputs' taint on (`str(x)`, `x.strip()`, `os.path.join(a, x)`), and are of unknown origin themselves. */
  private propagate(receiver: Value | undefined, args: Value[], site: CallSite, expr: Expr & { k: 'call' }): Value {
    let out: Value = receiver ? { ...flatten(receiver), constant: undefined } : CLEAN;
    for (const a of args) out = join(out, { ...flatten(a), constant: undefined, kind: undefined });
    if (!(site.method && STRING_METHODS.has(site.method))) {
      out = { ...out, opaque: true };
      delete out.built;
      delete out.prefix;
    }
    if (receiver?.constant !== undefined && receiver.level === Level.Clean && args.every((a) => a.level === Level.Clean)) return { level: Level.Clean };
    // `"… {}".format(x)`, `", ".join(parts)`: a string built from a constant template.
    if (typeof receiver?.constant === 'string' && out.level > Level.Clean) return { ...out, fields: undefined, built: true };
    if (out.level === Level.Clean) return { ...UNKNOWN, opaque: true, ...(out.kind ? { kind: out.kind } : {}) };
    const result = { ...out, fields: undefined };
    return expr.callee.k === 'attr' ? this.widenOrigin(result, expr, expr.callee.object) : result;
  }

  /** A closure passed to a call receives what the call works on: its receiver's and other arguments' taint (`items.map(x => …)`). */
  private handToCallbacks(expr: Expr & { k: 'call' }, receiver: Value | undefined, args: Value[]): void {
    let input: Value = receiver ? { ...flatten(receiver), constant: undefined, kind: undefined } : CLEAN;
    expr.args.forEach((a, i) => {
      if (a.value.k !== 'func') input = join(input, { ...flatten(args[i] ?? UNKNOWN), constant: undefined, kind: undefined });
    });
    for (const a of expr.args) {
      if (a.value.k !== 'func') continue;
      const before = this.callbackInputs.get(a.value.fn);
      this.callbackInputs.set(a.value.fn, before ? join(before, input) : input);
    }
  }

  /** The environment with the names a guard validated made clean. */
  private validated(env: Env, names: Set<string>): Env {
    if (!names.size) return env;
    const out = new Map(env);
    for (const name of names) if (out.has(name) || this.lookup(name, env) || name.includes('.')) out.set(name, cleaned(this.lookup(name, env) ?? CLEAN));
    return out;
  }

  /** Stores what a call wrote into an argument passed by reference (a local, or a field of one). */
  private writeRef(target: Expr, value: Value, env: Env): void {
    if (target.k === 'name') env.set(target.name, join({ ...(this.lookup(target.name, env) ?? CLEAN), constant: undefined }, value));
    else if (target.k === 'attr') this.storeField(target.object, target.name, value, env);
    else if (target.k === 'index') this.storeField(target.object, undefined, value, env);
  }

  /** Names a condition validates when it is true and when it is false. */
  private guards(test: Expr, env: Env): { whenTrue: Set<string>; whenFalse: Set<string> } {
    const none = { whenTrue: new Set<string>(), whenFalse: new Set<string>() };
    if (test.k === 'unary' && (test.op === 'not' || test.op === '!')) {
      const inner = this.guards(test.operand, env);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    if (test.k === 'binary') {
      // A name both operands validate is validated whichever of them decided (`x == "a" || x == "b"`).
      if (test.op === 'and' || test.op === '&&') {
        const a = this.guards(test.left, env);
        const b = this.guards(test.right, env);
        return { whenTrue: new Set([...a.whenTrue, ...b.whenTrue]), whenFalse: new Set([...a.whenFalse].filter((n) => b.whenFalse.has(n))) };
      }
      if (test.op === 'or' || test.op === '||') {
        const a = this.guards(test.left, env);
        const b = this.guards(test.right, env);
        return { whenTrue: new Set([...a.whenTrue].filter((n) => b.whenTrue.has(n))), whenFalse: new Set([...a.whenFalse, ...b.whenFalse]) };
      }
      const names = (e: Expr) => new Set(validatedNames(e));
      const isConstant = (e: Expr) => {
        const v = this.evalQuiet(e, env);
        return v.level === Level.Clean;
      };
      if ((test.op === 'in' || test.op === 'not in') && isConstant(test.right)) {
        const validated = names(test.left);
        return test.op === 'in' ? { whenTrue: validated, whenFalse: new Set() } : { whenTrue: new Set(), whenFalse: validated };
      }
      if (['==', '===', '!=', '!=='].includes(test.op)) {
        const [subject, other] = test.right.k === 'lit' ? [test.left, test.right] : test.left.k === 'lit' ? [test.right, test.left] : [undefined, undefined];
        if (subject && other && other.k === 'lit' && other.value !== null) {
          const validated = names(subject);
          return test.op.startsWith('=') ? { whenTrue: validated, whenFalse: new Set() } : { whenTrue: new Set(), whenFalse: validated };
        }
        // `url.origin === ALLOWED_ORIGIN`: equal to a clean value (a constant, a checked value), the other side is clean too.
        if (!subject) {
          const left = this.evalQuiet(test.left, env);
          const right = this.evalQuiet(test.right, env);
          const equalTo = right.level === Level.Clean && left.level !== Level.Clean && right.constant !== null ? test.left : left.level === Level.Clean && right.level !== Level.Clean && left.constant !== null ? test.right : undefined;
          if (equalTo) {
            const validated = names(equalTo);
            return test.op.startsWith('=') ? { whenTrue: validated, whenFalse: new Set() } : { whenTrue: new Set(), whenFalse: validated };
          }
        }
      }
      return none;
    }
    if (test.k === 'call' && (this.rules.guardCall || this.rules.guardCallFalse)) {
      const site = this.site(test, env);
      const whenTrue = new Set<string>();
      const whenFalse = new Set<string>();
      for (const e of this.rules.guardCall?.(site) ?? []) for (const name of validatedNames(e)) whenTrue.add(name);
      for (const e of this.rules.guardCallFalse?.(site) ?? []) for (const name of validatedNames(e)) whenFalse.add(name);
      return { whenTrue, whenFalse };
    }
    return none;
  }
}

class StepLimit extends Error {}

/** The constant text a value starts with: all of a constant string, or the prefix it was built with. */
function leading(expr: Expr, value: Value): string | undefined {
  if (value.level === Level.Clean && typeof value.constant === 'string') return value.constant;
  return expr.k === 'lit' ? undefined : value.prefix;
}

function withPrefix(value: Value, prefix: string | undefined): Value {
  const out = { ...value };
  if (prefix !== undefined && out.level > Level.Clean) out.prefix = prefix;
  else delete out.prefix;
  return out;
}

/**
 * The names a guard on `e` validates: the local it is rooted at and, for an attribute chain,
 * the chain itself (`req.query.sort`), which stays validated where the guard holds.
 */
function validatedNames(e: Expr): string[] {
  const root = rootName(e);
  if (root === undefined) return [];
  const path = e.k === 'attr' ? pathOf(e) : undefined;
  return path !== undefined && path !== root ? [root, path] : [root];
}

/** A closure's enclosing scope: the environment it was created in and that environment's own enclosing scope. */
interface Scope {
  env: Env;
  outer: Scope | undefined;
}

/** Calls whose result is the same text, transformed: what comes out is still a string of the input. */
const STRING_METHODS = new Set(['str', 'String', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'replace', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'concat', 'substring', 'substr', 'slice', 'join', 'format', 'padStart', 'padEnd', 'repeat', 'to_string', 'to_owned', 'to_lowercase', 'to_uppercase', 'as_str', 'into', 'clone', 'TrimSpace', 'ToLower', 'ToUpper', 'Sprintf', 'Join', 'valueOf', 'toLowerCase', 'decode', 'encode']);

function targetExpr(target: Target): Expr {
  switch (target.k) {
    case 'name':
      return { k: 'name', name: target.name, node: target.node };
    case 'attr':
      return { k: 'attr', object: target.object, name: target.name, node: target.node };
    case 'index':
      return { k: 'index', object: target.object, index: target.index, node: target.node };
    default:
      return { k: 'unknown', parts: [], node: target.node };
  }
}

function merge(a: Env, b: Env): Env {
  const out: Env = new Map();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    out.set(key, x && y ? join(x, y) : join(x ?? UNKNOWN, y ?? UNKNOWN));
  }
  return out;
}

function replace(target: Env, source: Env): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}

function fold(op: string, a: string | number | boolean | null, b: string | number | boolean | null): string | number | boolean | null | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? undefined : a / b;
      case '//': return b === 0 ? undefined : Math.floor(a / b);
      case '%': return b === 0 ? undefined : a % b;
      case '<': return a < b;
      case '>': return a > b;
      case '<=': return a <= b;
      case '>=': return a >= b;
      case '==': case '===': return a === b;
      case '!=': case '!==': return a !== b;
      default: return undefined;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    switch (op) {
      case '+': return a + b;
      case '==': case '===': return a === b;
      case '!=': case '!==': return a !== b;
      case 'in': return b.includes(a);
      case 'not in': return !b.includes(a);
      default: return undefined;
    }
  }
  switch (op) {
    case 'and': case '&&': return truthy(a) ? b : a;
    case 'or': case '||': return truthy(a) ? a : b;
    case '==': case '===': return a === b;
    case '!=': case '!==': return a !== b;
    default: return undefined;
  }
}
