/**
 * Java syntax trees (tree-sitter-java) lowered into the analysis form (`ir.ts`).
 *
 * Classes contribute their methods, constructors and the methods of anonymous and nested
 * classes as functions; field initialisers and static blocks are the module's top level (a
 * `static final` field bound to a constant stays a constant inside methods). `this.x` is the
 * field `x`. Casts are transparent. Lambdas with an expression body are values made of their
 * body (evaluated where they are written, so captured input still flows); lambdas with a block
 * body are functions of their own.
 *
 * Java declares the type of every name, which the rules use to tell a `Statement` from a
 * `Map`: `declaredType(fn, name)` answers for parameters, locals and the fields of the
 * enclosing classes.
 */
import { field, named, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { unknown, type Arg, type Expr, type FunctionIR, type ModuleIR, type ParamIR, type Stmt, type Target } from './ir';

/** Declared types by name: a function's parameters and locals, chained to its classes' fields. */
interface TypeScope {
  readonly names: Map<string, string>;
  readonly parent: TypeScope | undefined;
}

const functionTypes = new WeakMap<FunctionIR, TypeScope>();
const moduleTypes = new WeakMap<SyntaxTree, TypeScope>();
const returnTypes = new WeakMap<FunctionIR, string>();

/** The return type a method declares, as written (`String`, `ResponseEntity<String>`), if any. */
export function returnType(fn: FunctionIR): string | undefined {
  return returnTypes.get(fn);
}

/**
 * The type a name is declared with where `fn` runs (its parameters, locals and the fields of
 * its classes; fields only at the top level), as written without generics (`Statement`,
 * `Map`, `HttpServletRequest`), or undefined when it is not declared in this file.
 */
export function declaredType(tree: SyntaxTree, fn: FunctionIR | undefined, name: string): string | undefined {
  for (let scope = fn ? functionTypes.get(fn) : moduleTypes.get(tree); scope; scope = scope.parent) {
    const type = scope.names.get(name);
    if (type !== undefined) return type;
  }
  return undefined;
}

/**
 * Lowers one Java file. A file nested deeper than the stack allows (generated code) lowers to
 * nothing rather than failing the whole review.
 */
export function lowerJava(tree: SyntaxTree): ModuleIR {
  try {
    return new JavaLowerer(tree).module();
  } catch (err) {
    if (err instanceof RangeError) return { imports: new Map(), functions: [], topLevel: [] };
    throw err;
  }
}

/** The written type without generics, arrays' brackets kept (`Map<String, X>` → `Map`, `String[]` → `String[]`). */
function baseType(text: string): string {
  return text.replace(/<[^]*>/, '').replace(/\s+/g, '');
}

/** Operands from which a chain of `+` is lowered as one template. */
const LONG_CHAIN = 32;

/** Case labels that are values the subject is compared with (not type patterns). */
const CASE_CONSTANTS = new Set(['string_literal', 'character_literal', 'decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'identifier', 'field_access', 'null_literal', 'true', 'false', 'parenthesized_expression', 'binary_expression', 'unary_expression']);

const DECLARATIONS = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']);

class JavaLowerer {
  private readonly imports = new Map<string, string>();
  private readonly functions: FunctionIR[] = [];
  private readonly topLevel: Stmt[] = [];
  private readonly fileFields: TypeScope = { names: new Map(), parent: undefined };
  /** The declared types in scope while a function's body is lowered. */
  private types: TypeScope = this.fileFields;
  /** The function whose body is being lowered, if any. */
  private current: FunctionIR | undefined;

  constructor(private readonly tree: SyntaxTree) {}

  module(): ModuleIR {
    moduleTypes.set(this.tree, this.fileFields);
    for (const node of named(this.tree.root)) {
      if (node.type === 'import_declaration') this.importDeclaration(node);
      else if (DECLARATIONS.has(node.type)) this.classDeclaration(node, this.fileFields);
    }
    return { imports: this.imports, functions: this.functions, topLevel: this.topLevel };
  }

  private text(node: SyntaxNode): string {
    return this.tree.textOf(node);
  }

  private importDeclaration(node: SyntaxNode): void {
    if (node.children.some((c) => c.type === 'asterisk')) return;
    const path = node.children.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
    if (!path) return;
    const full = this.text(path).replace(/\s+/g, '');
    this.imports.set(full.slice(full.lastIndexOf('.') + 1), full);
  }

  /** Annotations in a `modifiers` node, as written without `@` (`RequestParam(name = "q")`, `RestController`). */
  private annotations(owner: SyntaxNode): SyntaxNode[] {
    const modifiers = owner.children.find((c) => c.type === 'modifiers');
    return modifiers ? modifiers.children.filter((c) => c.type === 'annotation' || c.type === 'marker_annotation') : [];
  }

  private annotationName(node: SyntaxNode): string {
    const name = field(node, 'name');
    const text = name ? this.text(name) : this.text(node).replace(/^@/, '');
    return text.slice(text.lastIndexOf('.') + 1);
  }

  /** An annotation as an expression: `@GetMapping(value = "/x")` is a call with keyword arguments, `@Override` a name. */
  private annotationExpr(node: SyntaxNode): Expr {
    const name = field(node, 'name') ?? node;
    const callee: Expr = { k: 'name', name: this.annotationName(node), node: name };
    if (node.type === 'marker_annotation') return callee;
    const list = field(node, 'arguments');
    const args: Arg[] = [];
    for (const c of list ? named(list) : []) {
      if (c.type === 'element_value_pair') {
        const key = field(c, 'key');
        const value = field(c, 'value');
        if (key && value) args.push({ name: this.text(key), value: this.expr(value) });
      } else if (c.type !== 'comment') {
        args.push({ value: this.expr(c) });
      }
    }
    return { k: 'call', callee, args, node };
  }

  private classDeclaration(node: SyntaxNode, outer: TypeScope): void {
    const name = field(node, 'name');
    const className = name ? this.text(name) : '<class>';
    const annotations = this.annotations(node).map((a) => this.text(a).replace(/^@\s*/, ''));
    const scope: TypeScope = { names: new Map(), parent: outer };
    const body = field(node, 'body');
    // Record components are fields.
    const components = node.type === 'record_declaration' ? field(node, 'parameters') : undefined;
    for (const p of components ? named(components) : []) {
      const id = field(p, 'name');
      const type = field(p, 'type');
      if (id && type) scope.names.set(this.text(id), baseType(this.text(type)));
    }
    if (!body) return;
    const members = body.children.flatMap((c) => (c.type === 'enum_body_declarations' ? c.children : [c]));
    // Fields first: a method may use a field declared below it.
    for (const member of members) {
      if (member.type !== 'field_declaration' && member.type !== 'constant_declaration') continue;
      const type = field(member, 'type');
      for (const declarator of member.children.filter((c) => c.field === 'declarator')) {
        const id = field(declarator, 'name');
        if (!id) continue;
        if (type) {
          scope.names.set(this.text(id), baseType(this.text(type)) + (field(declarator, 'dimensions') ? '[]' : ''));
          if (!this.fileFields.names.has(this.text(id))) this.fileFields.names.set(this.text(id), baseType(this.text(type)));
        }
      }
    }
    for (const member of members) {
      switch (member.type) {
        case 'field_declaration':
        case 'constant_declaration': {
          const saved = this.types;
          this.types = scope;
          this.topLevel.push(...this.declaration(member));
          this.types = saved;
          break;
        }
        case 'method_declaration':
        case 'constructor_declaration':
        case 'compact_constructor_declaration':
          this.method(member, className, annotations, scope);
          break;
        case 'static_initializer':
        case 'block': {
          const saved = this.types;
          this.types = scope;
          const block = member.type === 'block' ? member : named(member).find((c) => c.type === 'block');
          if (block) this.topLevel.push(...this.block(block));
          this.types = saved;
          break;
        }
        default:
          if (DECLARATIONS.has(member.type)) this.classDeclaration(member, scope);
      }
    }
  }

  private method(node: SyntaxNode, owner: string, ownerAnnotations: string[], classScope: TypeScope): void {
    const name = field(node, 'name');
    const scope: TypeScope = { names: new Map(), parent: classScope };
    const params = this.params(field(node, 'parameters'), scope);
    const fn: FunctionIR = {
      name: name ? this.text(name) : '<init>',
      params,
      body: [],
      decorators: this.annotations(node).map((a) => this.annotationExpr(a)),
      owner,
      ...(ownerAnnotations.length ? { ownerAnnotations } : {}),
      ...(this.current ? { parent: this.current } : {}),
      node,
    };
    this.functions.push(fn);
    functionTypes.set(fn, scope);
    const type = field(node, 'type');
    if (type) returnTypes.set(fn, this.text(type).replace(/\s+/g, ''));
    const body = field(node, 'body');
    this.within(fn, scope, () => (fn.body = body ? this.block(body) : []));
  }

  /** Lowers a function's body with its names in scope. */
  private within(fn: FunctionIR, scope: TypeScope, lower: () => void): void {
    const savedTypes = this.types;
    const savedFunction = this.current;
    this.types = scope;
    this.current = fn;
    lower();
    this.types = savedTypes;
    this.current = savedFunction;
  }

  private params(node: SyntaxNode | undefined, scope: TypeScope): ParamIR[] {
    if (!node) return [];
    const out: ParamIR[] = [];
    for (const p of named(node)) {
      if (p.type === 'identifier') {
        out.push({ name: this.text(p) });
        continue;
      }
      if (p.type !== 'formal_parameter' && p.type !== 'spread_parameter') continue;
      const id = field(p, 'name') ?? (p.type === 'spread_parameter' ? named(p).find((c) => c.type === 'variable_declarator') : undefined);
      const nameNode = id?.type === 'variable_declarator' ? field(id, 'name') : id;
      if (!nameNode) continue;
      const typeNode = field(p, 'type') ?? named(p).find((c) => c.type !== 'modifiers' && c.type !== 'variable_declarator');
      const type = typeNode ? this.text(typeNode) + (p.type === 'spread_parameter' ? '[]' : '') : undefined;
      const annotations = this.annotations(p).map((a) => this.annotationName(a));
      const name = this.text(nameNode);
      if (type) scope.names.set(name, baseType(type));
      out.push({ name, ...(type ? { type } : {}), ...(annotations.length ? { annotations } : {}) });
    }
    return out;
  }

  private block(node: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const child of node.children) if (child.named) this.statement(child, out);
    return out;
  }

  private body(node: SyntaxNode | undefined): Stmt[] {
    if (!node) return [];
    if (node.type === 'block') return this.block(node);
    const out: Stmt[] = [];
    this.statement(node, out);
    return out;
  }

  private declare(name: string, type: string): void {
    this.types.names.set(name, baseType(type));
  }

  /** `Type a = x, b;`: one assignment per initialised declarator. */
  private declaration(node: SyntaxNode): Stmt[] {
    const typeNode = field(node, 'type');
    const type = typeNode ? this.text(typeNode) : undefined;
    const out: Stmt[] = [];
    for (const declarator of node.children.filter((c) => c.field === 'declarator')) {
      const id = field(declarator, 'name');
      if (!id) continue;
      const name = this.text(id);
      if (type && type !== 'var') this.declare(name, type + (field(declarator, 'dimensions') ? '[]' : ''));
      const value = field(declarator, 'value');
      if (!value) continue;
      out.push({ k: 'assign', target: { k: 'name', name, node: id }, value: this.expr(value), ...(type ? { declaredType: type } : {}), node: declarator });
    }
    return out;
  }

  private statement(node: SyntaxNode, out: Stmt[]): void {
    switch (node.type) {
      case 'local_variable_declaration':
        out.push(...this.declaration(node));
        return;
      case 'expression_statement':
        for (const child of named(node)) out.push(...this.expressionStatement(child));
        return;
      case 'if_statement': {
        const condition = field(node, 'condition');
        if (condition) out.push(...this.hoisted(condition));
        out.push({ k: 'if', test: condition ? this.expr(condition) : unknown(node), then: this.body(field(node, 'consequence')), otherwise: this.body(field(node, 'alternative')), node });
        return;
      }
      case 'for_statement': {
        for (const init of node.children.filter((c) => c.field === 'init')) {
          if (init.type === 'local_variable_declaration') out.push(...this.declaration(init));
          else out.push(...this.expressionStatement(init));
        }
        const condition = field(node, 'condition');
        const body = this.body(field(node, 'body'));
        for (const update of node.children.filter((c) => c.field === 'update')) body.push(...this.expressionStatement(update));
        out.push({ k: 'loop', ...(condition ? { test: this.expr(condition) } : {}), body, node });
        return;
      }
      case 'enhanced_for_statement': {
        const id = field(node, 'name');
        const type = field(node, 'type');
        const value = field(node, 'value');
        if (id && type) this.declare(this.text(id), this.text(type));
        const target: Target = id ? { k: 'name', name: this.text(id), node: id } : { k: 'ignore', node };
        out.push({ k: 'loop', ...(value ? { each: { target, iterable: this.expr(value) } } : {}), body: this.body(field(node, 'body')), node });
        return;
      }
      case 'while_statement':
      case 'do_statement': {
        const condition = field(node, 'condition');
        const before = condition ? this.hoisted(condition) : [];
        out.push(...before);
        const body = [...before, ...this.body(field(node, 'body'))];
        out.push({ k: 'loop', ...(condition ? { test: this.expr(condition) } : {}), body, node });
        return;
      }
      case 'try_statement':
      case 'try_with_resources_statement': {
        const body: Stmt[] = [];
        const resources = field(node, 'resources');
        for (const resource of resources ? named(resources) : []) body.push(...this.resource(resource));
        body.push(...this.body(field(node, 'body')));
        const handlers: Stmt[][] = [];
        const after: Stmt[] = [];
        for (const child of named(node)) {
          if (child.type === 'catch_clause') {
            const handler: Stmt[] = [];
            const param = named(child).find((c) => c.type === 'catch_formal_parameter');
            const id = param ? field(param, 'name') : undefined;
            if (id) handler.push({ k: 'assign', target: { k: 'name', name: this.text(id), node: id }, value: unknown(id), node: child });
            handler.push(...this.body(field(child, 'body')));
            handlers.push(handler);
          } else if (child.type === 'finally_clause') {
            const block = named(child).find((c) => c.type === 'block');
            after.push(...this.body(block));
          }
        }
        // The body may run whole or stop anywhere before a handler: run it, then any handler.
        out.push({ k: 'block', body, node });
        if (handlers.length) out.push({ k: 'branches', alternatives: [[], ...handlers], node });
        out.push(...after);
        return;
      }
      case 'switch_expression':
      case 'switch_statement':
        out.push(...this.switchChain(node));
        return;
      case 'return_statement': {
        const value = named(node)[0];
        out.push({ k: 'return', ...(value ? { value: this.expr(value) } : {}), node });
        return;
      }
      case 'throw_statement': {
        const value = named(node)[0];
        out.push({ k: 'exit', ...(value ? { value: this.expr(value) } : {}), node });
        return;
      }
      case 'block':
        out.push({ k: 'block', body: this.block(node), node });
        return;
      case 'labeled_statement':
        for (const child of named(node)) if (child.type !== 'identifier') this.statement(child, out);
        return;
      case 'synchronized_statement':
        out.push(...this.body(field(node, 'body')));
        return;
      case 'yield_statement': {
        const value = named(node)[0];
        if (value) out.push({ k: 'expr', expr: this.expr(value), node });
        return;
      }
      case 'explicit_constructor_invocation': {
        const args = field(node, 'arguments');
        out.push({ k: 'expr', expr: unknown(node, args ? this.args(args).map((a) => a.value) : []), node });
        return;
      }
      case 'local_class_declaration':
        for (const child of named(node)) if (DECLARATIONS.has(child.type)) this.classDeclaration(child, this.types);
        return;
      case 'comment':
      case 'line_comment':
      case 'block_comment':
      case 'break_statement':
      case 'continue_statement':
      case ';':
        return;
      default:
        if (DECLARATIONS.has(node.type)) {
          this.classDeclaration(node, this.types);
          return;
        }
        out.push({ k: 'expr', expr: unknown(node, named(node).map((c) => this.expr(c))), node });
    }
  }

  /** `try (InputStream in = open(x); other)`: each resource is a declaration or an expression. */
  private resource(node: SyntaxNode): Stmt[] {
    const id = field(node, 'name');
    const value = field(node, 'value');
    const type = field(node, 'type');
    if (id && value) {
      if (type) this.declare(this.text(id), this.text(type));
      return [{ k: 'assign', target: { k: 'name', name: this.text(id), node: id }, value: this.expr(value), ...(type ? { declaredType: this.text(type) } : {}), node }];
    }
    const inner = named(node)[0];
    return inner ? [{ k: 'expr', expr: this.expr(inner), node }] : [];
  }

  /**
   * A switch as the `if` chain it means: each group runs when the subject equals one of its
   * labels (so a constant subject picks its case, and a case validates the subject), a group
   * that does not end in `break`, `return` or `throw` falls into the next, `default` is the
   * last `else`.
   */
  private switchChain(node: SyntaxNode): Stmt[] {
    const condition = field(node, 'condition');
    const subjectNode = condition?.type === 'parenthesized_expression' ? (named(condition)[0] ?? condition) : condition;
    const subject = subjectNode ? this.expr(subjectNode) : unknown(node);
    const body = field(node, 'body');
    const groups: { tests: Expr[] | undefined; isDefault: boolean; statements: Stmt[]; jumps: boolean; node: SyntaxNode }[] = [];
    for (const group of body ? named(body) : []) {
      if (group.type !== 'switch_block_statement_group' && group.type !== 'switch_rule') continue;
      let tests: Expr[] | undefined = [];
      let isDefault = false;
      const statements: Stmt[] = [];
      let last: SyntaxNode | undefined;
      for (const child of named(group)) {
        if (child.type === 'switch_label') {
          if (child.children.some((c) => c.type === 'default')) isDefault = true;
          const labels = named(child);
          if (labels.some((l) => !CASE_CONSTANTS.has(l.type))) tests = undefined;
          else tests?.push(...labels.map((l): Expr => ({ k: 'binary', op: '==', left: subject, right: this.expr(l), node: l })));
          continue;
        }
        if (child.type === 'guard') {
          tests = undefined;
          continue;
        }
        last = child;
        this.statement(child, statements);
      }
      const jumps = group.type === 'switch_rule' || (last !== undefined && /^(?:break_statement|return_statement|throw_statement|continue_statement|yield_statement)$/.test(last.type));
      groups.push({ tests, isDefault, statements, jumps, node: group });
    }
    // What each group runs, with the groups it falls into.
    const runs: Stmt[][] = [];
    for (let i = groups.length - 1; i >= 0; i--) runs[i] = [...groups[i]!.statements, ...(groups[i]!.jumps ? [] : (runs[i + 1] ?? []))];
    const fallback = groups.findIndex((g) => g.isDefault);
    let chain: Stmt[] = fallback === -1 ? [] : runs[fallback]!;
    for (let i = groups.length - 1; i >= 0; i--) {
      const group = groups[i]!;
      if (group.isDefault) continue;
      const test = group.tests?.length ? group.tests.reduce((a, b): Expr => ({ k: 'binary', op: '||', left: a, right: b, node: group.node })) : unknown(group.node, [subject]);
      chain = [{ k: 'if', test, then: runs[i]!, otherwise: chain, node: group.node }];
    }
    return chain;
  }

  /** Assignments inside a condition (`while ((line = r.readLine()) != null)`) as statements run before it. */
  private hoisted(condition: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    const visit = (n: SyntaxNode): void => {
      if (n.type === 'lambda_expression' || n.type === 'class_body') return;
      for (const c of n.children) visit(c);
      if (n.type === 'assignment_expression') out.push(...this.expressionStatement(n));
    };
    visit(condition);
    return out;
  }

  private expressionStatement(node: SyntaxNode): Stmt[] {
    if (node.type === 'assignment_expression') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const op = field(node, 'operator');
      if (!left || !right) return [{ k: 'expr', expr: unknown(node), node }];
      const operator = op ? this.text(op) : '=';
      // `a = b = value`: both names get the value.
      if (operator === '=' && right.type === 'assignment_expression') {
        const inner = this.expressionStatement(right);
        const last = inner[inner.length - 1];
        if (last?.k === 'assign') return [...inner, { k: 'assign', target: this.target(left), value: last.value, node }];
      }
      return [{ k: 'assign', target: this.target(left), value: this.expr(right), ...(operator !== '=' ? { op: operator.slice(0, -1) } : {}), node }];
    }
    return [{ k: 'expr', expr: this.expr(node), node }];
  }

  private target(node: SyntaxNode): Target {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.text(node), node };
      case 'field_access': {
        const object = field(node, 'object');
        const name = field(node, 'field');
        if (!name) return { k: 'ignore', node };
        if (!object || object.type === 'this' || object.type === 'super') return { k: 'name', name: this.text(name), node };
        return { k: 'attr', object: this.expr(object), name: this.text(name), node };
      }
      case 'array_access': {
        const array = field(node, 'array');
        const index = field(node, 'index');
        if (array) return { k: 'index', object: this.expr(array), index: index ? this.expr(index) : unknown(node), node };
        return { k: 'ignore', node };
      }
      case 'parenthesized_expression':
        return named(node)[0] ? this.target(named(node)[0]!) : { k: 'ignore', node };
      default:
        return { k: 'ignore', node };
    }
  }

  expr(node: SyntaxNode): Expr {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.text(node), node };
      case 'this':
        return { k: 'name', name: 'this', node };
      case 'decimal_integer_literal':
      case 'hex_integer_literal':
      case 'octal_integer_literal':
      case 'binary_integer_literal':
      case 'decimal_floating_point_literal':
      case 'hex_floating_point_literal':
        return { k: 'lit', value: this.number(node), node };
      case 'true':
        return { k: 'lit', value: true, node };
      case 'false':
        return { k: 'lit', value: false, node };
      case 'null_literal':
        return { k: 'lit', value: null, node };
      case 'string_literal':
        return this.string(node);
      case 'character_literal':
        return { k: 'lit', value: unescape(this.text(node).slice(1, -1)), node };
      case 'class_literal':
        return { k: 'lit', value: this.text(node), node };
      case 'field_access': {
        const object = field(node, 'object');
        const name = field(node, 'field');
        if (!name) return unknown(node);
        if (!object || object.type === 'this' || object.type === 'super') return { k: 'name', name: this.text(name), node };
        return { k: 'attr', object: this.expr(object), name: this.text(name), node };
      }
      case 'scoped_identifier':
      case 'scoped_type_identifier': {
        const parts = this.text(node).split('.').map((p) => p.trim());
        let out: Expr = { k: 'name', name: parts[0]!, node };
        for (const part of parts.slice(1)) out = { k: 'attr', object: out, name: part, node };
        return out;
      }
      case 'type_identifier':
        return { k: 'name', name: this.text(node), node };
      case 'array_access': {
        const array = field(node, 'array');
        const index = field(node, 'index');
        if (array) return { k: 'index', object: this.expr(array), index: index ? this.expr(index) : unknown(node), node };
        return unknown(node);
      }
      case 'method_invocation': {
        const long = this.longChain(node);
        if (long) return long;
        const object = field(node, 'object');
        const name = field(node, 'name');
        const argsNode = field(node, 'arguments');
        const args = argsNode ? this.args(argsNode) : [];
        if (!name) return unknown(node, args.map((a) => a.value));
        const method = this.text(name);
        const callee: Expr = !object || object.type === 'this' || object.type === 'super' ? { k: 'name', name: method, node: name } : { k: 'attr', object: this.expr(object), name: method, node };
        return { k: 'call', callee, args, node };
      }
      case 'object_creation_expression': {
        const type = field(node, 'type');
        const argsNode = field(node, 'arguments');
        const args = argsNode ? this.args(argsNode) : [];
        const body = named(node).find((c) => c.type === 'class_body');
        if (body) this.anonymousClass(body, type ? this.text(type) : '<anonymous>');
        return { k: 'call', callee: type ? this.typeExpr(type) : unknown(node), args, isNew: true, node };
      }
      case 'array_creation_expression': {
        const value = field(node, 'value');
        if (value) return this.expr(value);
        const dims = named(node).filter((c) => c.type === 'dimensions_expr').flatMap((d) => named(d).map((c) => this.expr(c)));
        return unknown(node, dims.length ? dims : [{ k: 'lit', value: 0, node }]);
      }
      case 'array_initializer':
        return { k: 'seq', items: named(node).filter((c) => c.type !== 'comment').map((c) => this.expr(c)), node };
      case 'binary_expression': {
        const chain = this.concatenation(node);
        if (chain) return chain;
        const left = field(node, 'left');
        const right = field(node, 'right');
        const op = field(node, 'operator');
        if (left && right) return { k: 'binary', op: op ? this.text(op) : '?', left: this.expr(left), right: this.expr(right), node };
        return unknown(node);
      }
      case 'instanceof_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const name = field(node, 'name');
        if (name && right) this.declare(this.text(name), this.text(right));
        return { k: 'binary', op: 'instanceof', left: left ? this.expr(left) : unknown(node), right: { k: 'lit', value: right ? this.text(right) : null, node }, node };
      }
      case 'unary_expression': {
        const operand = field(node, 'operand');
        const op = field(node, 'operator');
        return operand ? { k: 'unary', op: op ? this.text(op) : '-', operand: this.expr(operand), node } : unknown(node);
      }
      case 'update_expression':
        return unknown(node, named(node).map((c) => this.expr(c)));
      case 'ternary_expression': {
        const test = field(node, 'condition');
        const then = field(node, 'consequence');
        const otherwise = field(node, 'alternative');
        if (test && then && otherwise) return { k: 'cond', test: this.expr(test), then: this.expr(then), otherwise: this.expr(otherwise), node };
        return unknown(node);
      }
      case 'cast_expression': {
        const value = field(node, 'value');
        return value ? this.expr(value) : unknown(node);
      }
      case 'parenthesized_expression':
        return named(node)[0] ? this.expr(named(node)[0]!) : unknown(node);
      case 'assignment_expression': {
        // As a value (`while ((x = next()) != null)`): the value assigned; the assignment itself is hoisted.
        const right = field(node, 'right');
        return right ? this.expr(right) : unknown(node);
      }
      case 'lambda_expression':
        return this.lambda(node);
      case 'method_reference':
        return unknown(node);
      case 'switch_expression':
        return this.switchValue(node);
      default:
        return unknown(node, named(node).map((c) => this.expr(c)));
    }
  }

  /**
   * A long chain of `+` (generated SQL, a big text assembled line by line) as one template,
   * walked without recursion: nested binaries that deep would exhaust the stack.
   */
  private concatenation(node: SyntaxNode): Expr | undefined {
    const operands: SyntaxNode[] = [];
    let current = node;
    for (;;) {
      const op = field(current, 'operator');
      const right = field(current, 'right');
      const left = field(current, 'left');
      if (current.type !== 'binary_expression' || !op || !left || !right || this.text(op) !== '+') break;
      operands.push(right);
      current = left;
    }
    if (operands.length < LONG_CHAIN) return undefined;
    operands.push(current);
    return { k: 'template', parts: operands.reverse().map((o) => this.expr(o)), node };
  }

  /**
   * A call chain hundreds of links long (a generated builder: `.put(…).put(…)…`) as one value
   * made of its receiver and its arguments: followed link by link, it would exhaust the stack.
   */
  private longChain(node: SyntaxNode): Expr | undefined {
    const links: SyntaxNode[] = [];
    let current = node;
    while (current.type === 'method_invocation') {
      links.push(current);
      const object = field(current, 'object');
      if (!object) break;
      current = object;
    }
    if (links.length < LONG_CHAIN * 4) return undefined;
    const parts: Expr[] = current === links[links.length - 1] ? [] : [this.expr(current)];
    for (const link of links.reverse()) {
      const args = field(link, 'arguments');
      if (args) parts.push(...this.args(args).map((a) => a.value));
    }
    return unknown(node, parts);
  }

  private number(node: SyntaxNode): number {
    const text = this.text(node).replace(/_/g, '').replace(/[lLfFdD]$/, '');
    const value = /^0[0-7]+$/.test(text) ? parseInt(text, 8) : Number(text);
    return Number.isFinite(value) ? value : 0;
  }

  /** `new Foo<>()`, `new Outer.Inner()`: the callee is the type's name (or path). */
  private typeExpr(type: SyntaxNode): Expr {
    const base = type.type === 'generic_type' ? (named(type).find((c) => c.type !== 'type_arguments') ?? type) : type;
    if (base.type === 'scoped_type_identifier') return this.expr(base);
    return { k: 'name', name: baseType(this.text(base)), node: base };
  }

  private string(node: SyntaxNode): Expr {
    let value = '';
    for (const child of node.children) {
      if (child.type === 'string_fragment' || child.type === 'multiline_string_fragment') value += this.text(child);
      else if (child.type === 'escape_sequence') value += unescape(this.text(child));
    }
    return { k: 'lit', value, node };
  }

  private args(node: SyntaxNode): Arg[] {
    return named(node)
      .filter((c) => c.type !== 'comment' && c.type !== 'line_comment' && c.type !== 'block_comment')
      .map((c) => ({ value: this.expr(c) }));
  }

  /** A switch expression's value: the value of the case whose label equals the subject, as nested conditionals. */
  private switchValue(node: SyntaxNode): Expr {
    const condition = field(node, 'condition');
    const subjectNode = condition?.type === 'parenthesized_expression' ? (named(condition)[0] ?? condition) : condition;
    const subject = subjectNode ? this.expr(subjectNode) : unknown(node);
    const body = field(node, 'body');
    const arms: { test: Expr | undefined; isDefault: boolean; value: Expr; node: SyntaxNode }[] = [];
    for (const group of body ? named(body) : []) {
      if (group.type !== 'switch_block_statement_group' && group.type !== 'switch_rule') continue;
      let tests: Expr[] | undefined = [];
      let isDefault = false;
      const values: Expr[] = [];
      for (const child of named(group)) {
        if (child.type === 'switch_label') {
          if (child.children.some((c) => c.type === 'default')) isDefault = true;
          const labels = named(child);
          if (labels.some((l) => !CASE_CONSTANTS.has(l.type))) tests = undefined;
          else tests?.push(...labels.map((l): Expr => ({ k: 'binary', op: '==', left: subject, right: this.expr(l), node: l })));
        } else if (child.type === 'expression_statement' && group.type === 'switch_rule') {
          const value = named(child)[0];
          if (value) values.push(this.expr(value));
        } else {
          values.push(...this.yields(child));
        }
      }
      if (!values.length) continue;
      const test = tests?.length ? tests.reduce((a, b): Expr => ({ k: 'binary', op: '||', left: a, right: b, node: group })) : undefined;
      arms.push({ test, isDefault, value: values.length === 1 ? values[0]! : unknown(group, values), node: group });
    }
    const fallback = arms.find((a) => a.isDefault) ?? arms[arms.length - 1];
    let out: Expr = fallback?.value ?? unknown(node);
    for (let i = arms.length - 1; i >= 0; i--) {
      const arm = arms[i]!;
      if (arm === fallback) continue;
      out = { k: 'cond', test: arm.test ?? unknown(arm.node, [subject]), then: arm.value, otherwise: out, node: arm.node };
    }
    return out;
  }

  /** The values `yield`ed in a statement (not in nested switches, lambdas or classes). */
  private yields(node: SyntaxNode): Expr[] {
    const out: Expr[] = [];
    const visit = (n: SyntaxNode): void => {
      if (n.type === 'lambda_expression' || n.type === 'class_body' || n.type === 'switch_expression') return;
      if (n.type === 'yield_statement') {
        const value = named(n)[0];
        if (value) out.push(this.expr(value));
        return;
      }
      for (const c of n.children) visit(c);
    };
    visit(node);
    return out;
  }

  /**
   * `x -> x.trim()` is the value of its body where it is written; `x -> { … }` is a function of
   * its own (a `func` value: it sees the names in scope where it is written).
   */
  private lambda(node: SyntaxNode): Expr {
    const body = field(node, 'body');
    if (!body) return unknown(node);
    if (body.type !== 'block') return unknown(node, [this.expr(body)]);
    const scope: TypeScope = { names: new Map(), parent: this.types };
    const paramsNode = field(node, 'parameters');
    const params = !paramsNode ? [] : paramsNode.type === 'identifier' ? [{ name: this.text(paramsNode) }] : this.params(paramsNode, scope);
    const fn: FunctionIR = { name: '<lambda>', params, body: [], decorators: [], ...(this.current ? { parent: this.current } : {}), node };
    this.functions.push(fn);
    functionTypes.set(fn, scope);
    this.within(fn, scope, () => (fn.body = this.block(body)));
    return { k: 'func', fn, node };
  }

  /** `new Handler() { … }`: its methods are functions; it sees the enclosing function's names. */
  private anonymousClass(body: SyntaxNode, typeName: string): void {
    const scope: TypeScope = { names: new Map(), parent: this.types };
    for (const member of named(body)) {
      if (member.type === 'method_declaration') this.method(member, `<anonymous ${baseType(typeName)}>`, [], scope);
      else if (DECLARATIONS.has(member.type)) this.classDeclaration(member, scope);
    }
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '0': '\0', '"': '"', "'": "'", '\\': '\\' };

function unescape(text: string): string {
  return text.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'u') return String.fromCharCode(parseInt(e.replace(/^u+/, ''), 16));
    if (/^[0-7]+$/.test(e) && e !== '0') return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}
