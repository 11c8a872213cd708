/**
 * Rust syntax trees (tree-sitter-rust) lowered into the analysis form (`ir.ts`).
 *
 * Rust is expression-oriented, so expressions that hold statements (`if`, `match`, blocks,
 * closures with bodies) are lowered before the statement that uses them, into a fresh local
 * (`$match1`) the expression then stands for; a block's last expression is its value (the
 * function's return, a branch's result). Patterns bind names (`Some(x)`, `Json(body)`,
 * `(a, b)`, `Foo { a, .. }`); `if let`/`let … else`/`match` arms are branches, an arm's guard
 * an `if`. Macros are token trees: `format!`-like macros become a template of their pieces,
 * `vec!` a list, `assert!` a guard, `panic!` an exit, and any other macro a call with the
 * expressions found in it (maud's `html! { (x) }` splices included).
 */
import { field, hasToken, named, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { binaryChain, chainLength, chainLinks, constantFunctions, LONG_BRANCH_CHAIN, LONG_CHAIN, recordFacts } from './go-rust-kit';
import { unknown, type Arg, type Expr, type FunctionIR, type ModuleIR, type ParamIR, type Stmt, type Target } from './ir';

/** Lowers one Rust file. */
export function lowerRust(tree: SyntaxTree): ModuleIR {
  return new RustLowerer(tree).module();
}

/** Where a block's last expression goes. */
type Tail = { k: 'return' } | { k: 'assign'; name: string } | { k: 'discard' };

const DISCARD: Tail = { k: 'discard' };
/** Calls that wrap a constant without changing it, for functions that return only constants. */
const CONSTANT_WRAPPERS = /^(?:Some|Ok|Err|String\.from|Box\.new|Cow\.Borrowed)$/;
const BLOCK_LIKE = new Set(['if_expression', 'match_expression', 'block', 'unsafe_block', 'async_block', 'const_block', 'try_block', 'loop_expression', 'while_expression', 'for_expression']);
const NUMERIC_TYPES = /^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool)$/;
const FORMAT_MACROS = /^(?:format|format_args|print|println|eprint|eprintln|panic|unreachable|todo|unimplemented|trace|debug|info|warn|error|log|anyhow|bail|write|writeln|concat)$/;
const EXIT_MACROS = /^(?:panic|unreachable|todo|unimplemented|bail)$/;
const BINARY_OPS = new Map<string, number>([
  ['||', 1], ['&&', 2], ['==', 3], ['!=', 3], ['<', 3], ['>', 3], ['<=', 3], ['>=', 3], ['|', 4], ['^', 5], ['&', 6], ['<<', 7], ['>>', 7], ['+', 8], ['-', 8], ['*', 9], ['/', 9], ['%', 9],
]);

class RustLowerer {
  private readonly imports = new Map<string, string>();
  private readonly functions: FunctionIR[] = [];
  /** Boolean locals bound to a condition (`let valid = …; if !valid`), inlined where a condition tests them. */
  private conditions = new Map<string, Expr>();
  /** Closure parameters renamed so they do not shadow the enclosing function's locals. */
  private renames: Map<string, string>[] = [];
  /** The receiver a closure argument iterates or maps over (`tags.split(',').map(|t| …)`): its parameters take its value. */
  private closureInput: Expr | undefined;
  /** Inside a closure: where its `return` goes. */
  private closureResult: string | undefined;
  private temps = 0;
  private fnName = '';

  constructor(private readonly tree: SyntaxTree) {}

  module(): ModuleIR {
    const topLevel: Stmt[] = [];
    this.items(this.tree.root.children, topLevel, undefined);
    recordFacts(this.tree, { constantFunctions: constantFunctions(this.functions, CONSTANT_WRAPPERS), packages: new Set([...this.imports].filter(([, path]) => !/\.[A-Z]\w*$|^[A-Z]/.test(path)).map(([name]) => name)) });
    return { imports: this.imports, functions: this.functions, topLevel };
  }

  private text(node: SyntaxNode): string {
    return this.tree.textOf(node);
  }

  private temp(prefix: string): string {
    return `$${prefix}${++this.temps}`;
  }

  // ------------------------------------------------------------------ items

  private items(nodes: SyntaxNode[], out: Stmt[], owner: string | undefined): void {
    let attributes: SyntaxNode[] = [];
    for (const node of nodes) {
      if (!node.named) continue;
      if (node.type === 'attribute_item') {
        attributes.push(node);
        continue;
      }
      this.item(node, out, owner, attributes);
      if (!/comment/.test(node.type)) attributes = [];
    }
  }

  /** An item: returns false when the node is not one (an expression or statement). */
  private item(node: SyntaxNode, out: Stmt[], owner: string | undefined, attributes: SyntaxNode[] = []): boolean {
    switch (node.type) {
      case 'use_declaration': {
        const argument = field(node, 'argument') ?? named(node).find((c) => c.type !== 'visibility_modifier');
        if (argument) this.use(argument, '');
        return true;
      }
      case 'function_item':
        this.functionItem(node, owner, attributes);
        return true;
      case 'impl_item': {
        const type = field(node, 'type');
        const body = field(node, 'body');
        const name = type ? this.text(type).replace(/<.*$/s, '').replace(/^.*::/, '') : undefined;
        if (body) this.items(body.children, out, name);
        return true;
      }
      case 'trait_item':
      case 'mod_item': {
        const name = field(node, 'name');
        const body = field(node, 'body');
        if (body) this.items(body.children, out, node.type === 'trait_item' && name ? this.text(name) : owner);
        return true;
      }
      case 'const_item':
      case 'static_item': {
        const name = field(node, 'name');
        const value = field(node, 'value');
        if (name && value) out.push({ k: 'assign', target: { k: 'name', name: this.text(name), node: name }, value: this.expr(value, out), node });
        return true;
      }
      case 'struct_item':
      case 'enum_item':
      case 'union_item':
      case 'type_item':
      case 'macro_definition':
      case 'extern_crate_declaration':
      case 'foreign_mod_item':
      case 'function_signature_item':
      case 'associated_type':
      case 'inner_attribute_item':
      case 'attribute_item':
      case 'line_comment':
      case 'block_comment':
      case 'empty_statement':
        return true;
      default:
        return false;
    }
  }

  /** `use a::b::{c, d as e, f::*}`: each imported name → its path, `::` written as `.`. */
  private use(node: SyntaxNode, prefix: string): void {
    const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
    const pathText = (n: SyntaxNode) => this.text(n).replace(/\s+/g, '').replace(/::/g, '.');
    switch (node.type) {
      case 'identifier':
      case 'scoped_identifier':
      case 'crate':
      case 'super': {
        const full = join(prefix, pathText(node));
        const last = full.split('.').pop()!;
        if (last === 'self') {
          const parent = full.split('.').slice(0, -1);
          if (parent.length) this.imports.set(parent[parent.length - 1]!, parent.join('.'));
        } else if (last && last !== '*') {
          this.imports.set(last, full);
        }
        return;
      }
      case 'self': {
        const parts = prefix.split('.');
        if (parts.length && parts[0]) this.imports.set(parts[parts.length - 1]!, prefix);
        return;
      }
      case 'use_as_clause': {
        const path = field(node, 'path');
        const alias = field(node, 'alias');
        if (path && alias) this.imports.set(this.text(alias), join(prefix, pathText(path)));
        return;
      }
      case 'scoped_use_list': {
        const path = field(node, 'path');
        const list = field(node, 'list');
        const base = path ? join(prefix, pathText(path)) : prefix;
        if (list) for (const c of named(list)) this.use(c, base);
        return;
      }
      case 'use_list':
        for (const c of named(node)) this.use(c, prefix);
        return;
      default:
        return;
    }
  }

  private functionItem(node: SyntaxNode, owner: string | undefined, attributes: SyntaxNode[]): void {
    const name = field(node, 'name');
    const params = this.params(field(node, 'parameters'));
    const fn: FunctionIR = {
      name: name ? this.text(name) : '<fn>',
      params,
      body: [],
      decorators: attributes.map((a) => this.attribute(a)),
      ...(owner ? { owner } : {}),
      node,
    };
    this.functions.push(fn);
    const saved = { fnName: this.fnName, conditions: this.conditions, renames: this.renames, closureResult: this.closureResult, closureInput: this.closureInput };
    this.fnName = fn.name;
    this.conditions = new Map();
    this.renames = [];
    this.closureResult = undefined;
    this.closureInput = undefined;
    const body = field(node, 'body');
    fn.body = body ? this.block(body, { k: 'return' }) : [];
    Object.assign(this, saved);
  }

  /** `#[get("/x")]` as a call of its path; `#[derive(…)]` and the like as the path alone. */
  private attribute(item: SyntaxNode): Expr {
    const attribute = named(item).find((c) => c.type === 'attribute');
    if (!attribute) return unknown(item);
    const path = named(attribute).find((c) => c.field !== 'arguments' && c.field !== 'value');
    const callee: Expr = path ? this.path(path) : unknown(attribute);
    const args = field(attribute, 'arguments');
    return args ? { k: 'call', callee, args: this.macroArgs(args).map((value) => ({ value })), node: attribute } : callee;
  }

  private params(node: SyntaxNode | undefined): ParamIR[] {
    if (!node) return [];
    const out: ParamIR[] = [];
    for (const p of named(node)) {
      if (p.type === 'self_parameter') {
        out.push({ name: 'self' });
        continue;
      }
      if (p.type !== 'parameter') continue;
      const pattern = field(p, 'pattern');
      const type = field(p, 'type');
      if (!pattern) continue;
      const names = this.patternNames(pattern);
      const simple = pattern.type === 'identifier' || pattern.type === 'mut_pattern';
      out.push({
        name: names[0] ?? this.text(pattern),
        ...(type ? { type: this.text(type) } : {}),
        ...(simple ? {} : { bindings: names }),
      });
    }
    return out;
  }

  /** The names a pattern binds, in order. */
  private patternNames(node: SyntaxNode): string[] {
    const out: string[] = [];
    const visit = (n: SyntaxNode) => {
      const target = this.patternTarget(n);
      const collect = (t: Target) => {
        if (t.k === 'name') out.push(t.name);
        else if (t.k === 'tuple') for (const item of t.items) collect(item.target);
      };
      if (target) collect(target);
    };
    visit(node);
    return out;
  }

  // ------------------------------------------------------------------ blocks and statements

  /** A block's statements; its last expression (if any) goes where `tail` says. */
  private block(node: SyntaxNode, tail: Tail): Stmt[] {
    const out: Stmt[] = [];
    const children = named(node).filter((c) => !/comment/.test(c.type) && c.type !== 'attribute_item' && c.type !== 'label');
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      if (last && this.isExpression(child)) this.tail(child.type === 'expression_statement' ? named(child)[0]! : child, tail, out);
      else this.statement(child, out);
    });
    return out;
  }

  /** True for a block's value: an expression without `;` (a `match` or `if` at the end is one even when the grammar wraps it as a statement). */
  private isExpression(node: SyntaxNode): boolean {
    if (node.type === 'expression_statement') {
      const inner = named(node)[0];
      return inner !== undefined && !hasToken(node, ';') && BLOCK_LIKE.has(inner.type);
    }
    return node.type !== 'let_declaration' && node.type !== 'empty_statement' && !/_item$|_declaration$/.test(node.type);
  }

  private statement(node: SyntaxNode, out: Stmt[]): void {
    if (this.item(node, out, undefined)) return;
    switch (node.type) {
      case 'expression_statement': {
        const inner = named(node)[0];
        if (inner) this.tail(inner, DISCARD, out);
        return;
      }
      case 'let_declaration':
        this.letDeclaration(node, out);
        return;
      default:
        this.tail(node, DISCARD, out);
    }
  }

  /** An expression whose value goes to `tail`: structured expressions lower into statements. */
  private tail(node: SyntaxNode, tail: Tail, out: Stmt[]): void {
    switch (node.type) {
      case 'if_expression':
        this.ifExpression(node, tail, out);
        return;
      case 'match_expression':
        this.matchExpression(node, tail, out);
        return;
      case 'block':
      case 'unsafe_block':
      case 'async_block':
      case 'const_block':
      case 'try_block':
      case 'gen_block': {
        const inner = node.type === 'block' ? node : named(node).find((c) => c.type === 'block');
        if (inner) out.push({ k: 'block', body: this.block(inner, tail), node });
        return;
      }
      case 'loop_expression':
      case 'while_expression':
      case 'for_expression':
        this.loop(node, out);
        return;
      case 'return_expression': {
        const value = named(node)[0];
        const lowered = value ? this.expr(value, out) : undefined;
        if (this.closureResult !== undefined) {
          if (lowered) out.push({ k: 'assign', target: { k: 'name', name: this.closureResult, node }, value: lowered, node });
          return;
        }
        out.push({ k: 'return', ...(lowered ? { value: lowered } : {}), node });
        return;
      }
      case 'continue_expression':
      case 'break_expression': {
        const value = named(node).find((c) => c.type !== 'label');
        if (value) out.push({ k: 'expr', expr: this.expr(value, out), node });
        out.push({ k: 'exit', node });
        return;
      }
      case 'assignment_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left && right) {
          const value = this.expr(right, out);
          out.push({ k: 'assign', target: this.target(left, out), value, node });
          if (left.type === 'identifier') this.conditions.delete(this.text(left));
        }
        return;
      }
      case 'compound_assignment_expr': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const operator = field(node, 'operator');
        if (left && right) out.push({ k: 'assign', target: this.target(left, out), value: this.expr(right, out), op: operator ? this.text(operator).replace('=', '') : '+', node });
        return;
      }
      case 'macro_invocation':
        if (this.statementMacro(node, out)) return;
        break;
      default:
        break;
    }
    const value = this.expr(node, out);
    if (tail.k === 'return') out.push({ k: 'return', value, node });
    else if (tail.k === 'assign') out.push({ k: 'assign', target: { k: 'name', name: tail.name, node }, value, node });
    else out.push({ k: 'expr', expr: value, node });
  }

  private letDeclaration(node: SyntaxNode, out: Stmt[]): void {
    const pattern = field(node, 'pattern');
    const valueNode = field(node, 'value');
    const type = field(node, 'type');
    const alternative = field(node, 'alternative');
    if (!pattern || !valueNode) return;
    let value = this.expr(valueNode, out);
    // A number is not text an attacker can inject (`let id: i64 = s.parse()?`).
    if (type && NUMERIC_TYPES.test(this.text(type))) value = { k: 'call', callee: { k: 'name', name: this.text(type), node: type }, args: [{ value }], node: valueNode };
    const target = this.patternTarget(pattern) ?? { k: 'ignore' as const, node: pattern };
    const assign: Stmt = { k: 'assign', target, value, ...(type ? { declaredType: this.text(type) } : {}), node };
    for (const name of this.patternNames(pattern)) this.conditions.delete(name);
    if (alternative) {
      // `let Some(x) = v else { return … };`: past it, the pattern matched.
      out.push({ k: 'branches', alternatives: [[assign], this.block(alternative, DISCARD)], node });
      return;
    }
    out.push(assign);
    if (pattern.type === 'identifier') this.conditions.set(this.text(pattern), value);
  }

  private ifExpression(node: SyntaxNode, tail: Tail, out: Stmt[]): void {
    if (chainLength(node, elseIf) > LONG_BRANCH_CHAIN) {
      this.flatIfChain(node, tail, out);
      return;
    }
    const condition = field(node, 'condition');
    const consequence = field(node, 'consequence');
    const alternative = field(node, 'alternative');
    const then = consequence ? this.block(consequence, tail) : [];
    const otherwise: Stmt[] = [];
    const elseNode = alternative ? named(alternative)[0] : undefined;
    if (elseNode?.type === 'if_expression') this.ifExpression(elseNode, tail, otherwise);
    else if (elseNode) otherwise.push(...this.block(elseNode, tail));
    if (condition && (condition.type === 'let_condition' || condition.type === 'let_chain')) {
      // `if let P = v && c { … } else { … }`: the bindings, then the plain conditions.
      const bindings: Stmt[] = [];
      const tests: Expr[] = [];
      for (const part of condition.type === 'let_chain' ? named(condition) : [condition]) {
        if (part.type === 'let_condition') {
          const pattern = field(part, 'pattern');
          const value = field(part, 'value');
          const lowered = value ? this.expr(value, bindings) : unknown(part);
          const target = pattern ? this.patternTarget(pattern) : undefined;
          bindings.push(target ? { k: 'assign', target, value: lowered, node: part } : { k: 'expr', expr: lowered, node: part });
        } else {
          tests.push(this.condition(part, bindings));
        }
      }
      const matched: Stmt[] = tests.length ? [{ k: 'if', test: tests.reduce((a, b) => ({ k: 'binary', op: '&&', left: a, right: b, node: condition })), then, otherwise, node }] : then;
      out.push({ k: 'branches', alternatives: [[...bindings, ...matched], otherwise], node });
      return;
    }
    const test = condition ? this.condition(condition, out) : unknown(node);
    out.push({ k: 'if', test, then, otherwise, node });
  }

  /**
   * A very long `if … else if …` chain (generated code) as one set of alternatives after all its
   * conditions: nested ifs that deep would exhaust the stack, and guards matter little there.
   */
  private flatIfChain(node: SyntaxNode, tail: Tail, out: Stmt[]): void {
    const alternatives: Stmt[][] = [];
    let current: SyntaxNode | undefined = node;
    let otherwise: Stmt[] = [];
    while (current) {
      const condition = field(current, 'condition');
      const alternative: Stmt[] = [];
      for (const part of condition?.type === 'let_chain' ? named(condition) : condition ? [condition] : []) {
        if (part.type === 'let_condition') {
          const pattern = field(part, 'pattern');
          const value = field(part, 'value');
          const target = pattern ? this.patternTarget(pattern) : undefined;
          if (value) alternative.push(target ? { k: 'assign', target, value: this.expr(value, alternative), node: part } : { k: 'expr', expr: this.expr(value, alternative), node: part });
        } else {
          out.push({ k: 'expr', expr: this.expr(part, out), node: part });
        }
      }
      const consequence = field(current, 'consequence');
      if (consequence) alternative.push(...this.block(consequence, tail));
      alternatives.push(alternative);
      const elseClause: SyntaxNode | undefined = field(current, 'alternative');
      const elseNode: SyntaxNode | undefined = elseClause ? named(elseClause)[0] : undefined;
      current = elseNode?.type === 'if_expression' ? elseNode : undefined;
      if (elseNode && !current) otherwise = this.block(elseNode, tail);
    }
    out.push({ k: 'branches', alternatives: [...alternatives, otherwise], node });
  }

  /** A condition, with boolean locals bound to a test (`let valid = …; if !valid`) replaced by the test. */
  private condition(node: SyntaxNode, out: Stmt[]): Expr {
    return this.inline(this.expr(node, out));
  }

  private inline(test: Expr): Expr {
    if (test.k === 'name') return this.conditions.get(test.name) ?? test;
    if (test.k === 'unary' && test.op === '!') return { ...test, operand: this.inline(test.operand) };
    if (test.k === 'binary' && (test.op === '&&' || test.op === '||')) return { ...test, left: this.inline(test.left), right: this.inline(test.right) };
    return test;
  }

  private matchExpression(node: SyntaxNode, tail: Tail, out: Stmt[]): void {
    const valueNode = field(node, 'value');
    const body = field(node, 'body');
    let subject: Expr = valueNode ? this.expr(valueNode, out) : unknown(node);
    if (subject.k !== 'name') {
      const temp = this.temp('match');
      out.push({ k: 'assign', target: { k: 'name', name: temp, node: valueNode ?? node }, value: subject, node: valueNode ?? node });
      subject = { k: 'name', name: temp, node: valueNode ?? node };
    }
    const alternatives: Stmt[][] = [];
    for (const arm of body ? named(body) : []) {
      if (arm.type !== 'match_arm') continue;
      const alternative: Stmt[] = [];
      const patternNode = field(arm, 'pattern');
      const inner = patternNode ? named(patternNode).find((c) => c.field !== 'condition') : undefined;
      const target = inner ? this.patternTarget(inner) : undefined;
      if (target) alternative.push({ k: 'assign', target, value: subject, node: inner! });
      const guard = patternNode ? field(patternNode, 'condition') : undefined;
      const value = field(arm, 'value');
      const armBody: Stmt[] = [];
      if (value) this.tail(value, tail, armBody);
      if (guard) {
        const test = this.condition(guard, alternative);
        // When the guard fails the next arm is tried: this one does not apply.
        alternative.push({ k: 'if', test, then: armBody, otherwise: [{ k: 'exit', node: guard }], node: arm });
      } else {
        alternative.push(...armBody);
      }
      alternatives.push(alternative);
    }
    out.push({ k: 'branches', alternatives: alternatives.length ? alternatives : [[]], node });
  }

  private loop(node: SyntaxNode, out: Stmt[]): void {
    const bodyNode = field(node, 'body');
    if (node.type === 'for_expression') {
      const pattern = field(node, 'pattern');
      const value = field(node, 'value');
      const iterable = value ? this.expr(value, out) : unknown(node);
      const target = (pattern ? this.patternTarget(pattern) : undefined) ?? { k: 'ignore' as const, node };
      out.push({ k: 'loop', each: { target, iterable }, body: bodyNode ? this.block(bodyNode, DISCARD) : [], node });
      return;
    }
    if (node.type === 'while_expression') {
      const condition = field(node, 'condition');
      const body = bodyNode ? this.block(bodyNode, DISCARD) : [];
      if (condition?.type === 'let_condition' || condition?.type === 'let_chain') {
        const bindings: Stmt[] = [];
        for (const part of condition.type === 'let_chain' ? named(condition) : [condition]) {
          if (part.type !== 'let_condition') continue;
          const pattern = field(part, 'pattern');
          const value = field(part, 'value');
          const lowered = value ? this.expr(value, bindings) : unknown(part);
          const target = pattern ? this.patternTarget(pattern) : undefined;
          bindings.push(target ? { k: 'assign', target, value: lowered, node: part } : { k: 'expr', expr: lowered, node: part });
        }
        out.push({ k: 'loop', body: [...bindings, ...body], node });
        return;
      }
      const pre: Stmt[] = [];
      const test = condition ? this.condition(condition, pre) : undefined;
      out.push(...pre, { k: 'loop', ...(test ? { test } : {}), body, node });
      return;
    }
    out.push({ k: 'loop', body: bodyNode ? this.block(bodyNode, DISCARD) : [], node });
  }

  // ------------------------------------------------------------------ patterns and targets

  /** Where a pattern's bindings go when it matches a value: undefined when it binds nothing. */
  private patternTarget(node: SyntaxNode): Target | undefined {
    switch (node.type) {
      case 'identifier': {
        const name = this.text(node);
        // `None`, `MAX`: a unit variant or a constant, not a binding.
        if (/^[A-Z]/.test(name)) return undefined;
        return { k: 'name', name: this.renamed(name), node };
      }
      case 'mut_pattern':
      case 'ref_pattern':
      case 'reference_pattern':
      case 'match_pattern': {
        const inner = named(node).find((c) => c.type !== 'mutable_specifier' && c.field !== 'condition');
        return inner ? this.patternTarget(inner) : undefined;
      }
      case 'captured_pattern': {
        const first = named(node)[0];
        return first ? this.patternTarget(first) : undefined;
      }
      case 'tuple_pattern':
      case 'slice_pattern': {
        const items = named(node).map((c) => ({ target: this.patternTarget(c) ?? { k: 'ignore' as const, node: c } }));
        return items.some((i) => i.target.k !== 'ignore') ? { k: 'tuple', items, node } : undefined;
      }
      case 'tuple_struct_pattern': {
        // `Some(x)`, `Ok(x)`, `Json(body)`: the wrapper is transparent; `Point(a, b)` binds both.
        const inner = named(node).filter((c) => c.field !== 'type');
        if (inner.length === 1) return this.patternTarget(inner[0]!);
        const items = inner.map((c) => ({ target: this.patternTarget(c) ?? { k: 'ignore' as const, node: c } }));
        return items.some((i) => i.target.k !== 'ignore') ? { k: 'tuple', items, node } : undefined;
      }
      case 'struct_pattern': {
        const items: { key?: string; target: Target }[] = [];
        for (const f of named(node)) {
          if (f.type !== 'field_pattern') continue;
          const name = field(f, 'name') ?? named(f).find((c) => c.type === 'shorthand_field_identifier' || c.type === 'field_identifier');
          const pattern = field(f, 'pattern');
          if (!name) continue;
          const target = pattern ? this.patternTarget(pattern) : { k: 'name' as const, name: this.renamed(this.text(name)), node: name };
          if (target) items.push({ key: this.text(name), target });
        }
        return items.length ? { k: 'tuple', items, node } : undefined;
      }
      case 'or_pattern': {
        const first = named(node)[0];
        return first ? this.patternTarget(first) : undefined;
      }
      default:
        return undefined;
    }
  }

  private target(node: SyntaxNode, out: Stmt[]): Target {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.renamed(this.text(node)), node };
      case 'field_expression': {
        const value = field(node, 'value');
        const name = field(node, 'field');
        return value && name ? { k: 'attr', object: this.expr(value, out), name: this.text(name), node } : { k: 'ignore', node };
      }
      case 'index_expression': {
        const [object, index] = named(node);
        return object ? { k: 'index', object: this.expr(object, out), index: index ? this.expr(index, out) : unknown(node), node } : { k: 'ignore', node };
      }
      case 'unary_expression':
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.target(inner, out) : { k: 'ignore', node };
      }
      case 'tuple_expression':
        return { k: 'tuple', items: named(node).map((c) => ({ target: this.target(c, out) })), node };
      default:
        return { k: 'ignore', node };
    }
  }

  private renamed(name: string): string {
    for (let i = this.renames.length - 1; i >= 0; i--) {
      const to = this.renames[i]!.get(name);
      if (to !== undefined) return to;
    }
    return name;
  }

  // ------------------------------------------------------------------ expressions

  /** An expression; what needs statements (`if`, `match`, blocks, closures) goes to `out` first. */
  expr(node: SyntaxNode, out: Stmt[]): Expr {
    switch (node.type) {
      case 'identifier': {
        const name = this.text(node);
        if (name === 'None') return { k: 'lit', value: null, node };
        return { k: 'name', name: this.renamed(name), node };
      }
      case 'self':
        return { k: 'name', name: 'self', node };
      case 'boolean_literal':
        return { k: 'lit', value: this.text(node) === 'true', node };
      case 'integer_literal':
      case 'float_literal':
      case 'negative_literal': {
        const value = Number(this.text(node).replace(/_/g, '').replace(/(?:[iu](?:8|16|32|64|128|size)|f32|f64)$/, ''));
        return { k: 'lit', value: Number.isFinite(value) ? value : 0, node };
      }
      case 'string_literal':
      case 'raw_string_literal':
        return { k: 'lit', value: this.stringValue(node), node };
      case 'char_literal':
        return { k: 'lit', value: this.text(node).replace(/^b?'|'$/g, ''), node };
      case 'unit_expression':
        return { k: 'lit', value: null, node };
      case 'scoped_identifier':
      case 'scoped_type_identifier':
      case 'type_identifier':
        return this.path(node);
      case 'field_expression': {
        const value = field(node, 'value');
        const name = field(node, 'field');
        return value && name ? { k: 'attr', object: this.expr(value, out), name: this.text(name), node } : unknown(node);
      }
      case 'call_expression':
        return this.call(node, out);
      case 'generic_function': {
        const fn = field(node, 'function');
        return fn ? this.expr(fn, out) : unknown(node);
      }
      case 'macro_invocation':
        return this.macro(node, out);
      case 'reference_expression': {
        const value = field(node, 'value') ?? named(node).find((c) => c.type !== 'mutable_specifier');
        return value ? this.expr(value, out) : unknown(node);
      }
      case 'unary_expression': {
        const operand = named(node)[0];
        const op = node.children.find((c) => !c.named)?.type ?? '';
        if (!operand) return unknown(node);
        if (op === '*') return this.expr(operand, out);
        return { k: 'unary', op, operand: this.expr(operand, out), node };
      }
      case 'binary_expression':
        return binaryChain(node, this.tree, (operand) => this.expr(operand, out));
      case 'type_cast_expression': {
        const value = field(node, 'value');
        const type = field(node, 'type');
        if (!value) return unknown(node);
        const lowered = this.expr(value, out);
        return type && NUMERIC_TYPES.test(this.text(type)) ? { k: 'call', callee: { k: 'name', name: this.text(type), node: type }, args: [{ value: lowered }], node } : lowered;
      }
      case 'try_expression':
      case 'await_expression':
      case 'parenthesized_expression': {
        const inner = named(node).find((c) => c.type !== 'await');
        return inner ? this.expr(inner, out) : unknown(node);
      }
      case 'tuple_expression':
        return { k: 'seq', items: named(node).filter((c) => c.type !== 'attribute_item').map((c) => this.expr(c, out)), node };
      case 'array_expression': {
        const length = field(node, 'length');
        const items = named(node).filter((c) => c !== length && c.type !== 'attribute_item');
        return { k: 'seq', items: items.map((c) => this.expr(c, out)), node };
      }
      case 'index_expression': {
        const [object, index] = named(node);
        return object ? { k: 'index', object: this.expr(object, out), index: index ? this.expr(index, out) : unknown(node), node } : unknown(node);
      }
      case 'struct_expression':
        return this.structExpression(node, out);
      case 'range_expression':
        return unknown(node, named(node).map((c) => this.expr(c, out)));
      case 'closure_expression':
        return this.closure(node, out);
      case 'if_expression':
      case 'match_expression':
      case 'block':
      case 'unsafe_block':
      case 'async_block':
      case 'const_block':
      case 'try_block':
      case 'gen_block': {
        const temp = this.temp(node.type === 'match_expression' ? 'match' : node.type === 'if_expression' ? 'if' : 'block');
        this.tail(node, { k: 'assign', name: temp }, out);
        return { k: 'name', name: temp, node };
      }
      case 'loop_expression':
      case 'while_expression':
      case 'for_expression':
      case 'return_expression':
      case 'continue_expression':
      case 'break_expression':
      case 'assignment_expression':
      case 'compound_assignment_expr':
        this.tail(node, DISCARD, out);
        return { k: 'lit', value: null, node };
      default:
        return unknown(node, named(node).filter((c) => !/comment|type|lifetime/.test(c.type)).map((c) => this.expr(c, out)));
    }
  }

  /**
   * The first segment of a path (`String` in `String::from`, `fastrand` in `fastrand::u32`)
   * names a module or a type, never a value: it is known as itself, like an import, so calls
   * through it are not method calls on a value.
   */
  namespace(name: string): void {
    if (!this.imports.has(name)) this.imports.set(name, name);
  }

  /** `a::b::C` as the attribute chain `a.b.C` (`crate::`/`self::` dropped). */
  private path(node: SyntaxNode): Expr {
    const segments = this.text(node).replace(/\s+/g, '').replace(/<[^<>]*(?:<[^<>]*>[^<>]*)*>/g, '').split('::').filter((s) => s && s !== 'crate' && s !== 'self');
    if (!segments.length) return unknown(node);
    if (segments.length > 1) this.namespace(segments[0]!);
    let expr: Expr = { k: 'name', name: this.renamed(segments[0]!), node };
    for (const s of segments.slice(1)) expr = { k: 'attr', object: expr, name: s, node };
    return expr;
  }

  private call(node: SyntaxNode, out: Stmt[]): Expr {
    const chain = chainLinks(node, 'field_expression');
    if (chain.argumentLists.length > LONG_CHAIN) {
      return unknown(node, [this.expr(chain.base, out), ...chain.argumentLists.flatMap((list) => named(list).map((a) => this.expr(a, out)))]);
    }
    const fnNode = field(node, 'function');
    const argsNode = field(node, 'arguments');
    const callee: Expr = fnNode ? this.expr(fnNode, out) : unknown(node);
    const savedInput = this.closureInput;
    // Closures given to a method see what the receiver holds (`xs.iter().map(|x| …)`).
    this.closureInput = callee.k === 'attr' ? callee.object : undefined;
    const args: Arg[] = [];
    for (const a of argsNode ? named(argsNode) : []) {
      if (/comment/.test(a.type) || a.type === 'attribute_item') continue;
      const ref = a.type === 'reference_expression' && a.children.some((c) => c.type === 'mutable_specifier');
      args.push({ value: this.expr(a, out), ...(ref ? { ref: true } : {}) });
    }
    this.closureInput = savedInput;
    return { k: 'call', callee, args, node };
  }

  private structExpression(node: SyntaxNode, out: Stmt[]): Expr {
    const name = field(node, 'name');
    const body = field(node, 'body');
    const entries: { key?: Expr; value: Expr }[] = [];
    for (const f of body ? named(body) : []) {
      if (f.type === 'field_initializer') {
        const key = field(f, 'field') ?? field(f, 'name');
        const value = field(f, 'value');
        if (key && value) entries.push({ key: { k: 'lit', value: this.text(key), node: key }, value: this.expr(value, out) });
      } else if (f.type === 'shorthand_field_initializer') {
        const id = named(f)[0] ?? f;
        entries.push({ key: { k: 'lit', value: this.text(id), node: id }, value: { k: 'name', name: this.renamed(this.text(id)), node: id } });
      } else if (f.type === 'base_field_initializer') {
        const base = named(f)[0];
        if (base) entries.push({ value: this.expr(base, out) });
      }
    }
    return { k: 'map', entries, ...(name ? { typeName: this.text(name).replace(/<.*$/s, '') } : {}), node };
  }

  /**
   * A closure: its body runs where it is written (an iterator adaptor's closure sees the
   * receiver's values), maybe not at all; its value is what the body gives. Its parameters are
   * renamed so they do not overwrite the enclosing function's locals.
   */
  private closure(node: SyntaxNode, out: Stmt[]): Expr {
    const paramsNode = field(node, 'parameters');
    const body = field(node, 'body');
    // A closure whose parameters have types (`|Query(p): Query<P>| async move { … }`) is a
    // handler of its own: analysed as a function, its parameters judged by their types.
    if (paramsNode && named(paramsNode).some((p) => p.type === 'parameter' && field(p, 'type'))) {
      // What the closure is given to (`warp::path!(…).and(warp::query()).map(…)`) tells the rules what it handles.
      const fn: FunctionIR = { name: `${this.fnName || 'closure'}.closure`, params: this.params(paramsNode), body: [], decorators: this.closureInput ? [this.closureInput] : [], node };
      this.functions.push(fn);
      const saved = { conditions: this.conditions, renames: this.renames, closureResult: this.closureResult, closureInput: this.closureInput };
      this.conditions = new Map();
      this.renames = [];
      this.closureResult = undefined;
      this.closureInput = undefined;
      if (body) this.tail(body, { k: 'return' }, fn.body);
      Object.assign(this, saved);
      return { k: 'func', fn, node };
    }
    const result = this.temp('closure');
    const renames = new Map<string, string>();
    const bindings: Target[] = [];
    for (const p of paramsNode ? named(paramsNode) : []) {
      const pattern = p.type === 'parameter' ? field(p, 'pattern') : p;
      if (!pattern) continue;
      for (const name of this.patternNames(pattern)) renames.set(name, `${name}#${this.temps + 1}`);
    }
    this.temps++;
    this.renames.push(renames);
    const input = this.closureInput;
    for (const p of paramsNode ? named(paramsNode) : []) {
      const pattern = p.type === 'parameter' ? field(p, 'pattern') : p;
      const target = pattern ? this.patternTarget(pattern) : undefined;
      if (target) bindings.push(target);
    }
    const savedResult = this.closureResult;
    const savedInput = this.closureInput;
    this.closureResult = result;
    this.closureInput = undefined;
    const alternative: Stmt[] = bindings.map((target) => ({ k: 'assign' as const, target, value: input ?? unknown(node), node }));
    if (body) this.tail(body, { k: 'assign', name: result }, alternative);
    this.closureResult = savedResult;
    this.closureInput = savedInput;
    this.renames.pop();
    out.push({ k: 'branches', alternatives: [[], alternative], node });
    return { k: 'name', name: result, node };
  }

  // ------------------------------------------------------------------ macros

  /** Macros that are statements: `panic!` ends the path, `assert!(c)` is a guard. */
  private statementMacro(node: SyntaxNode, out: Stmt[]): boolean {
    const name = this.macroName(node);
    const tokens = this.macroTokens(node);
    if (EXIT_MACROS.test(name)) {
      const args = tokens ? this.macroArgs(tokens) : [];
      out.push({ k: 'exit', ...(args.length ? { value: unknown(node, args) } : {}), node });
      return true;
    }
    if (/^(?:assert|debug_assert)$/.test(name) && tokens) {
      const [condition] = this.splitTop(tokens);
      const test = condition ? this.parseTokens(condition, tokens) : undefined;
      if (test) out.push({ k: 'if', test: { k: 'unary', op: '!', operand: this.inline(test), node }, then: [{ k: 'exit', node }], otherwise: [], node });
      return true;
    }
    return false;
  }

  private macroName(node: SyntaxNode): string {
    const macro = field(node, 'macro');
    return macro ? this.text(macro).split('::').pop()!.trim() : '';
  }

  private macroTokens(node: SyntaxNode): SyntaxNode | undefined {
    return named(node).find((c) => c.type === 'token_tree');
  }

  private macro(node: SyntaxNode, out: Stmt[]): Expr {
    const macroNode = field(node, 'macro');
    const name = this.macroName(node);
    const tokens = this.macroTokens(node);
    const callee: Expr = macroNode ? this.macroCallee(macroNode) : { k: 'name', name: `${name}!`, node };
    if (!tokens) return { k: 'call', callee, args: [], node };
    if (FORMAT_MACROS.test(name)) {
      const segments = this.splitTop(tokens);
      const writer = name === 'write' || name === 'writeln' ? segments.shift() : undefined;
      const args: Arg[] = [];
      if (writer) args.push({ value: this.parseTokens(writer, tokens) ?? unknown(node) });
      args.push({ value: this.formatTemplate(segments, node, tokens) });
      if (EXIT_MACROS.test(name)) out.push({ k: 'exit', value: args[args.length - 1]!.value, node });
      return { k: 'call', callee, args, node };
    }
    if (name === 'vec') {
      const segments = this.splitTop(tokens);
      const first = segments[0] ?? [];
      const semicolon = first.findIndex((t) => t.type === ';');
      const items = semicolon !== -1 ? [first.slice(0, semicolon)] : segments;
      return { k: 'seq', items: items.map((s) => this.parseTokens(s, tokens) ?? unknown(node)), node };
    }
    if (name === 'matches') {
      // `matches!(x, "a" | "b")` is `x == "a" || x == "b"`; other patterns only say it is a boolean.
      const [subject, ...pattern] = this.splitTop(tokens);
      const left = (subject && this.parseTokens(subject, tokens)) || unknown(node);
      const alternatives = pattern.length === 1 ? splitAt(pattern[0]!, '|') : [];
      if (alternatives.length && alternatives.every((a) => a.length === 1 && /literal$/.test(a[0]!.type))) {
        return alternatives
          .map((a): Expr => ({ k: 'binary', op: '==', left, right: this.literal(a[0]!), node }))
          .reduce((a, b) => ({ k: 'binary', op: '||', left: a, right: b, node }));
      }
      return { k: 'binary', op: '==', left, right: { k: 'lit', value: null, node }, node };
    }
    if (/^(?:assert|debug_assert)$/.test(name)) {
      this.statementMacro(node, out);
      return { k: 'lit', value: null, node };
    }
    if (/^(?:json|html|rsx|view|json_internal)$/.test(name)) return { k: 'call', callee, args: this.harvest(tokens, name !== 'json').map((value) => ({ value })), node };
    return { k: 'call', callee, args: this.macroArgs(tokens).map((value) => ({ value })), node };
  }

  /** `format!` as `format!`, `sqlx::query!` as `sqlx.query!`: a name imports resolve like any path. */
  private macroCallee(macro: SyntaxNode): Expr {
    const segments = this.text(macro).replace(/\s+/g, '').split('::').filter((s) => s && s !== 'crate' && s !== '$crate');
    const last = `${segments.pop() ?? ''}!`;
    if (!segments.length) return { k: 'name', name: last, node: macro };
    this.namespace(segments[0]!);
    let expr: Expr = { k: 'name', name: segments[0]!, node: macro };
    for (const s of segments.slice(1)) expr = { k: 'attr', object: expr, name: s, node: macro };
    return { k: 'attr', object: expr, name: last, node: macro };
  }

  /** The comma-separated expressions of a macro's tokens (those that parse). */
  private macroArgs(tokens: SyntaxNode): Expr[] {
    const out: Expr[] = [];
    for (const segment of this.splitTop(tokens)) {
      const named = segment.length > 2 && segment[1]?.type === '=' && segment[0]?.type === 'identifier' ? segment.slice(2) : segment;
      const parsed = this.parseTokens(named, tokens);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  /**
   * `format!("a {} {name} {0:?}", x, name = y)`: the literal pieces and the arguments in the
   * order the string uses them (implicit captures `{name}` read the local).
   */
  private formatTemplate(segments: SyntaxNode[][], node: SyntaxNode, tokens: SyntaxNode): Expr {
    const [formatTokens, ...rest] = segments;
    const formatNode = formatTokens?.length === 1 && /string_literal$/.test(formatTokens[0]!.type) ? formatTokens[0]! : undefined;
    const positional: Expr[] = [];
    const byName = new Map<string, Expr>();
    for (const segment of rest) {
      if (segment.length > 2 && segment[0]?.type === 'identifier' && segment[1]?.type === '=') {
        const value = this.parseTokens(segment.slice(2), tokens);
        if (value) byName.set(this.text(segment[0]), value);
      } else {
        positional.push(this.parseTokens(segment, tokens) ?? unknown(node));
      }
    }
    if (!formatNode) return unknown(node, [...(formatTokens ? [this.parseTokens(formatTokens, tokens) ?? unknown(node)] : []), ...positional, ...byName.values()]);
    const format = this.stringValue(formatNode);
    const parts: Expr[] = [];
    let literal = '';
    let next = 0;
    const used = new Set<Expr>();
    for (let i = 0; i < format.length; i++) {
      const ch = format[i]!;
      if ((ch === '{' || ch === '}') && format[i + 1] === ch) {
        literal += ch;
        i++;
        continue;
      }
      if (ch !== '{') {
        literal += ch;
        continue;
      }
      const close = format.indexOf('}', i);
      if (close === -1) break;
      const spec = format.slice(i + 1, close).split(':')[0]!.trim();
      i = close;
      const value = spec === '' ? positional[next++] : /^\d+$/.test(spec) ? positional[Number(spec)] : (byName.get(spec) ?? { k: 'name' as const, name: this.renamed(spec), node: formatNode });
      if (!value) continue;
      if (literal) parts.push({ k: 'lit', value: literal, node: formatNode });
      literal = '';
      parts.push(value);
      used.add(value);
    }
    if (literal) parts.push({ k: 'lit', value: literal, node: formatNode });
    // Arguments the string does not show still run (and may be read by `{:?}` width tricks).
    for (const value of [...positional, ...byName.values()]) if (!used.has(value)) parts.push({ k: 'unknown', parts: [value], node });
    if (parts.every((p) => p.k === 'lit')) return { k: 'lit', value: parts.map((p) => (p.k === 'lit' ? String(p.value) : '')).join(''), node: formatNode };
    return { k: 'template', parts, node };
  }

  /** The tokens of a token tree without its delimiters, split at top-level commas. */
  private splitTop(tokens: SyntaxNode): SyntaxNode[][] {
    const inner = tokens.children.slice(1, -1);
    const segments: SyntaxNode[][] = [[]];
    for (const t of inner) {
      if (t.type === ',') segments.push([]);
      else if (!/comment/.test(t.type)) segments[segments.length - 1]!.push(t);
    }
    return segments.filter((s) => s.length);
  }

  /**
   * Expressions embedded in a DSL macro: JSON values, or maud's `(splice)`s and `[attr]`s
   * (`splices`: only parenthesised groups that are not call arguments are expressions).
   */
  private harvest(tokens: SyntaxNode, splices: boolean): Expr[] {
    const out: Expr[] = [];
    const visit = (tree: SyntaxNode) => {
      const inner = tree.children.slice(1, -1);
      inner.forEach((t, i) => {
        if (t.type !== 'token_tree') return;
        const open = t.children[0]?.type;
        const before = inner[i - 1];
        const isCall = before !== undefined && (before.type === 'identifier' || before.type === '!' || before.type === '>');
        if (splices && open === '(' && !isCall) {
          const parsed = this.parseTokens(t.children.slice(1, -1).filter((c) => !/comment/.test(c.type)), t);
          if (parsed) out.push(parsed);
          return;
        }
        visit(t);
      });
      if (!splices) {
        // JSON: the values after `:` and the items of arrays, each up to the next comma.
        let segment: SyntaxNode[] = [];
        const flush = () => {
          if (segment.length && !(segment.length === 1 && segment[0]!.type === 'token_tree')) {
            const parsed = this.parseTokens(segment, tree);
            if (parsed) out.push(parsed);
          }
          segment = [];
        };
        for (const t of inner) {
          if (t.type === ',' || t.type === ':') flush();
          else segment.push(t);
        }
        flush();
      }
    };
    visit(tokens);
    return out;
  }

  /** Parses a run of macro tokens as an expression (postfix chains, calls, operators, literals). */
  private parseTokens(tokens: SyntaxNode[], parent: SyntaxNode): Expr | undefined {
    if (!tokens.length) return undefined;
    const parser = new TokenParser(tokens, parent, this);
    return parser.parse();
  }

  /** Lowers a literal or a token tree's group for the token parser. */
  literal(node: SyntaxNode): Expr {
    return this.expr(node, []);
  }

  name(node: SyntaxNode): Expr {
    const text = this.text(node);
    if (text === 'None') return { k: 'lit', value: null, node };
    if (text === 'true' || text === 'false') return { k: 'lit', value: text === 'true', node };
    return { k: 'name', name: this.renamed(text), node };
  }

  groupItems(group: SyntaxNode): Expr[] {
    return this.splitTop(group).map((s) => this.parseTokens(s, group) ?? unknown(group));
  }

  textOf(node: SyntaxNode): string {
    return this.text(node);
  }

  /** The value of a string literal, escapes decoded. */
  private stringValue(node: SyntaxNode): string {
    let out = '';
    for (const c of node.children) {
      if (c.type === 'string_content') out += this.text(c);
      else if (c.type === 'escape_sequence') out += decodeEscape(this.text(c));
    }
    return out;
  }
}

/** The `else if` that follows an `if`, if any. */
function elseIf(node: SyntaxNode): SyntaxNode | undefined {
  const alternative = field(node, 'alternative');
  const inner = alternative ? named(alternative)[0] : undefined;
  return inner?.type === 'if_expression' ? inner : undefined;
}

/** Tokens split at each token of type `separator`. */
function splitAt(tokens: SyntaxNode[], separator: string): SyntaxNode[][] {
  const out: SyntaxNode[][] = [[]];
  for (const t of tokens) {
    if (t.type === separator) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((part) => part.length);
}

/** A synthetic node spanning tokens `first`…`last` (so a parsed macro expression has a place in the file). */
function span(first: SyntaxNode, last: SyntaxNode, parent: SyntaxNode): SyntaxNode {
  return { type: 'macro_expression', named: true, field: undefined, start: first.start, end: last.end, parent, children: [] };
}

/** A small precedence parser over a macro's tokens: enough for what format arguments and DSL splices hold. */
class TokenParser {
  private pos = 0;

  constructor(
    private readonly tokens: SyntaxNode[],
    private readonly parent: SyntaxNode,
    private readonly lowerer: RustLowerer,
  ) {}

  parse(): Expr | undefined {
    const expr = this.binary(0);
    if (!expr) return undefined;
    // Whatever is left (an `as` cast's type, a trailing `=> …`) is read for its names.
    const rest = this.tokens.slice(this.pos).filter((t) => t.type === 'identifier' || t.type === 'token_tree');
    if (!rest.length) return expr;
    return { k: 'unknown', parts: [expr, ...rest.map((t) => (t.type === 'identifier' ? this.lowerer.name(t) : { k: 'unknown' as const, parts: this.lowerer.groupItems(t), node: t }))], node: this.span(0) };
  }

  private peek(offset = 0): SyntaxNode | undefined {
    return this.tokens[this.pos + offset];
  }

  private span(from: number): SyntaxNode {
    const first = this.tokens[from] ?? this.tokens[0]!;
    const last = this.tokens[Math.max(from, this.pos - 1)] ?? first;
    return span(first, last, this.parent);
  }

  private binary(minPrec: number): Expr | undefined {
    const start = this.pos;
    let left = this.unary();
    if (!left) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.type === 'as') {
        this.pos++;
        const type = this.peek();
        if (type) this.pos++;
        const typeText = type ? this.lowerer.textOf(type) : '';
        if (NUMERIC_TYPES.test(typeText)) left = { k: 'call', callee: { k: 'name', name: typeText, node: type! }, args: [{ value: left }], node: this.span(start) };
        continue;
      }
      const prec = BINARY_OPS.get(t.type);
      if (prec === undefined || prec <= minPrec) break;
      this.pos++;
      const right = this.binary(prec);
      if (!right) break;
      left = { k: 'binary', op: t.type, left, right, node: this.span(start) };
    }
    return left;
  }

  private unary(): Expr | undefined {
    const t = this.peek();
    if (!t) return undefined;
    const start = this.pos;
    if (t.type === '&' || t.type === '*' || t.type === '&&') {
      this.pos++;
      if (this.peek()?.type === 'mutable_specifier') this.pos++;
      return this.unary();
    }
    if (t.type === '!' || t.type === '-') {
      this.pos++;
      const operand = this.unary();
      return operand ? { k: 'unary', op: t.type, operand, node: this.span(start) } : undefined;
    }
    if (t.type === '|' || t.type === '||' || (t.type === 'identifier' && this.lowerer.textOf(t) === 'move')) {
      // A closure: its body's names carry taint; its parameters are unknown.
      const rest = this.tokens.slice(this.pos).filter((x) => x.type === 'identifier' || x.type === 'token_tree');
      this.pos = this.tokens.length;
      return { k: 'unknown', parts: rest.map((x) => (x.type === 'identifier' ? this.lowerer.name(x) : { k: 'unknown' as const, parts: this.lowerer.groupItems(x), node: x })), node: this.span(start) };
    }
    return this.postfix();
  }

  private postfix(): Expr | undefined {
    const start = this.pos;
    let expr = this.primary();
    if (!expr) return undefined;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.type === '.') {
        const name = this.peek(1);
        if (!name) break;
        this.pos += 2;
        if (name.type === 'await') continue;
        if (name.type !== 'identifier' && name.type !== 'integer_literal' && name.type !== 'primitive_type') break;
        this.skipTurbofish();
        const group = this.peek();
        const member: Expr = { k: 'attr', object: expr, name: this.lowerer.textOf(name), node: this.span(start) };
        if (group?.type === 'token_tree' && group.children[0]?.type === '(') {
          this.pos++;
          expr = { k: 'call', callee: member, args: this.lowerer.groupItems(group).map((value) => ({ value })), node: this.span(start) };
        } else {
          expr = member;
        }
        continue;
      }
      if (t.type === '?') {
        this.pos++;
        continue;
      }
      if (t.type === 'token_tree' && t.children[0]?.type === '(') {
        this.pos++;
        expr = { k: 'call', callee: expr, args: this.lowerer.groupItems(t).map((value) => ({ value })), node: this.span(start) };
        continue;
      }
      if (t.type === 'token_tree' && t.children[0]?.type === '[') {
        this.pos++;
        const [index] = this.lowerer.groupItems(t);
        expr = { k: 'index', object: expr, index: index ?? { k: 'unknown', parts: [], node: t }, node: this.span(start) };
        continue;
      }
      if (t.type === '!' && this.peek(1)?.type === 'token_tree' && (expr.k === 'name' || expr.k === 'attr')) {
        // A nested macro (`vec![…]`, `format!(…)`): its expressions.
        const group = this.peek(1)!;
        this.pos += 2;
        expr = { k: 'call', callee: expr.k === 'name' ? { ...expr, name: `${expr.name}!` } : { ...expr, name: `${expr.name}!` }, args: this.lowerer.groupItems(group).map((value) => ({ value })), node: this.span(start) };
        continue;
      }
      if (t.type === 'token_tree' && t.children[0]?.type === '{' && (expr.k === 'name' || expr.k === 'attr')) {
        // A struct literal `Foo { a: x }`: its values.
        this.pos++;
        expr = { k: 'unknown', parts: this.lowerer.groupItems(t), node: this.span(start) };
        continue;
      }
      break;
    }
    return expr;
  }

  /** `::<T>` after a path segment or method name. */
  private skipTurbofish(): void {
    if (this.peek()?.type !== '::' || this.peek(1)?.type !== '<') return;
    this.pos += 2;
    let depth = 1;
    while (this.pos < this.tokens.length && depth > 0) {
      const t = this.tokens[this.pos++]!;
      if (t.type === '<') depth++;
      else if (t.type === '>') depth--;
      else if (t.type === '>>') depth -= 2;
    }
  }

  private primary(): Expr | undefined {
    const t = this.peek();
    if (!t) return undefined;
    const start = this.pos;
    if (/literal$/.test(t.type)) {
      this.pos++;
      return this.lowerer.literal(t);
    }
    if (t.type === 'token_tree') {
      this.pos++;
      const items = this.lowerer.groupItems(t);
      if (t.children[0]?.type === '(' && items.length === 1 && !t.children.some((c) => c.type === ',')) return items[0]!;
      return { k: 'seq', items, node: t };
    }
    if (t.type === 'identifier' || t.type === 'self' || t.type === 'crate' || t.type === 'super' || t.type === 'primitive_type') {
      this.pos++;
      let expr: Expr = this.lowerer.name(t);
      // A path `a::b::c` (with `::<T>` skipped).
      while (this.peek()?.type === '::') {
        if (this.peek(1)?.type === '<') {
          this.skipTurbofish();
          continue;
        }
        const next = this.peek(1);
        if (!next || (next.type !== 'identifier' && next.type !== 'primitive_type' && next.type !== 'self')) break;
        if (expr.k === 'name') this.lowerer.namespace(expr.name);
        this.pos += 2;
        expr = { k: 'attr', object: expr, name: this.lowerer.textOf(next), node: this.span(start) };
      }
      return expr;
    }
    return undefined;
  }
}

function decodeEscape(escape: string): string {
  switch (escape[1]) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'x':
      return String.fromCharCode(Number.parseInt(escape.slice(2), 16) || 0);
    case 'u': {
      const code = Number.parseInt(escape.replace(/[^0-9a-fA-F]/g, ''), 16);
      return Number.isFinite(code) ? String.fromCodePoint(code) : '';
    }
    case '\n':
      return '';
    default:
      return escape.slice(1);
  }
}
