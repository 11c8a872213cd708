/**
 * The small, language-neutral form the security analysis reads: each language's syntax tree
 * is lowered into these statements and expressions (one lowerer per language, `lower-*.ts`),
 * and one interpreter (`taint.ts`) follows untrusted input through them. What a lowerer does
 * not model becomes `unknown` (its parts still carry taint), so new syntax degrades to less
 * precision, never to a crash.
 */
import type { SyntaxNode } from '../syntax/tree';

/** An argument of a call: positional, or keyword (`name=`, Python) / object property (`{ shell: true }` is an expression, not a keyword). */
export interface Arg {
  name?: string;
  value: Expr;
  /** `*args`, `...rest`: its position is unknown. */
  spread?: boolean;
  /** Passed by reference (Go `&x`, Rust `&mut x`): the callee may write into it (`json.Unmarshal(body, &req)`, `reader.read_to_string(&mut s)`). */
  ref?: boolean;
}

/** An expression. `node` is where it is in the file (its line is reported). */
export type Expr =
  /** A constant: string without interpolation, number, boolean, null/None/nil. */
  | { k: 'lit'; value: string | number | boolean | null; node: SyntaxNode }
  | { k: 'name'; name: string; node: SyntaxNode }
  /** `object.name` (also Rust/Go `a::b`, `pkg.Name`). */
  | { k: 'attr'; object: Expr; name: string; node: SyntaxNode }
  /** `object[index]`. */
  | { k: 'index'; object: Expr; index: Expr; node: SyntaxNode }
  /** A call; `isNew` for constructors (`new X()`, Rust `X::new` is an ordinary call). */
  | { k: 'call'; callee: Expr; args: Arg[]; isNew?: boolean; node: SyntaxNode }
  /** Interpolation: f-strings, template literals, `format!`: `parts` are the literal pieces and the values. */
  | { k: 'template'; parts: Expr[]; node: SyntaxNode }
  /** Binary operators, `op` as written (`+`, `%`, `and`, `==`, `in`, `not in`…). */
  | { k: 'binary'; op: string; left: Expr; right: Expr; node: SyntaxNode }
  /** Unary operators (`not`, `!`, `-`). */
  | { k: 'unary'; op: string; operand: Expr; node: SyntaxNode }
  /** List, tuple, array, set literals. */
  | { k: 'seq'; items: Expr[]; node: SyntaxNode }
  /** Dict / object / map / struct literals; `key` is undefined for spreads. A key that is a plain name in JS objects is a `lit`. */
  | { k: 'map'; entries: { key?: Expr; value: Expr }[]; typeName?: string; node: SyntaxNode }
  | { k: 'cond'; test: Expr; then: Expr; otherwise: Expr; node: SyntaxNode }
  /** A lambda, arrow function or closure: analysed as a function of its own. */
  | { k: 'func'; fn: FunctionIR; node: SyntaxNode }
  /** Anything else; its value carries the taint of its parts. */
  | { k: 'unknown'; parts: Expr[]; node: SyntaxNode };

/** Where an assignment stores. */
export type Target =
  | { k: 'name'; name: string; node: SyntaxNode }
  | { k: 'attr'; object: Expr; name: string; node: SyntaxNode }
  | { k: 'index'; object: Expr; index: Expr; node: SyntaxNode }
  /** Destructuring: `a, b = …`, `const { a, b } = …` (`key` for object patterns), `let (a, b) = …`. */
  | { k: 'tuple'; items: { key?: string; target: Target }[]; node: SyntaxNode }
  | { k: 'ignore'; node: SyntaxNode };

/** A statement. */
export type Stmt =
  /** `target = value`; `op` for augmented assignments (`+=`); `declaredType` when the language writes one (Java, Go, TS). */
  | { k: 'assign'; target: Target; value: Expr; op?: string; declaredType?: string; node: SyntaxNode }
  | { k: 'expr'; expr: Expr; node: SyntaxNode }
  | { k: 'if'; test: Expr; then: Stmt[]; otherwise: Stmt[]; node: SyntaxNode }
  /** Loops: the body runs zero or more times; `each` binds the loop variable from an iterable. */
  | { k: 'loop'; each?: { target: Target; iterable: Expr }; test?: Expr; body: Stmt[]; node: SyntaxNode }
  | { k: 'return'; value?: Expr; node: SyntaxNode }
  /** `raise`, `throw`, `panic!`, `abort(...)`: nothing after it runs. */
  | { k: 'exit'; value?: Expr; node: SyntaxNode }
  /** `try`, `with`, `switch`, `match`: statements whose parts may each run; `alternatives` are mutually exclusive blocks. */
  | { k: 'branches'; alternatives: Stmt[][]; node: SyntaxNode }
  | { k: 'block'; body: Stmt[]; node: SyntaxNode };

/** A parameter of a function. */
export interface ParamIR {
  name: string;
  /** Its declared type as written (`*http.Request`, `HttpServletRequest`, `web::Query<Params>`). */
  type?: string;
  /** Annotations or decorators on the parameter as written, without `@` (`RequestParam`). */
  annotations?: string[];
  /** Names bound by a destructuring parameter (`Query(params): Query<P>`, `{ query }`). */
  bindings?: string[];
  /** Its default value, if any (`Depends(get_db)`, `Query(None)`). */
  defaultValue?: Expr;
}

/** A function, method, lambda or closure. */
export interface FunctionIR {
  name: string;
  params: ParamIR[];
  body: Stmt[];
  /** Decorators (Python) and annotations (Java) on the function, as expressions (`app.route('/x')`). */
  decorators: Expr[];
  /** The class or impl it belongs to, if any. */
  owner?: string;
  /** Annotations on the owning class (Java `RestController`). */
  ownerAnnotations?: string[];
  /** The function this one is written inside (closures, callbacks), if any: its parameters are in scope here. */
  parent?: FunctionIR;
  node: SyntaxNode;
}

/** A file lowered: its imports, its functions (nested ones included, each once) and the statements at module level. */
export interface ModuleIR {
  /** Local name → what it refers to (`sp` → `subprocess`, `call` → `subprocess.call`, `exec` → `child_process.exec`). */
  imports: Map<string, string>;
  functions: FunctionIR[];
  topLevel: Stmt[];
}

/** The dotted path of a name or attribute chain (`a.b.c`), or undefined when any link is not a name. */
export function pathOf(expr: Expr): string | undefined {
  if (expr.k === 'name') return expr.name;
  if (expr.k === 'attr') {
    const base = pathOf(expr.object);
    return base === undefined ? undefined : `${base}.${expr.name}`;
  }
  if (expr.k === 'call') {
    // `a.b().c`: calls in a chain are written `()` so `Runtime.getRuntime().exec` matches.
    const base = pathOf(expr.callee);
    return base === undefined ? undefined : `${base}()`;
  }
  return undefined;
}

/** The innermost name an expression is rooted at (`a` for `a.b[c].d()`), if any. */
export function rootName(expr: Expr): string | undefined {
  switch (expr.k) {
    case 'name':
      return expr.name;
    case 'attr':
    case 'index':
      return rootName(expr.object);
    case 'call':
      return expr.callee.k === 'attr' ? rootName(expr.callee.object) : undefined;
    default:
      return undefined;
  }
}

/** Shorthand for lowerers: an `unknown` expression of the given parts. */
export function unknown(node: SyntaxNode, parts: Expr[] = []): Expr {
  return { k: 'unknown', parts, node };
}
