/**
 * JavaScript and TypeScript syntax trees (tree-sitter-javascript, -typescript and -tsx) lowered
 * into the analysis form (`ir.ts`). One lowerer reads the three grammars: TypeScript adds
 * types (kept as `ParamIR.type` and `declaredType`), decorators and type-only syntax (`as`,
 * `!`, `satisfies`), which lower to the expression they wrap.
 *
 * Closures are everywhere in JavaScript (route handlers, callbacks, promise executors): each
 * one is a function of its own (`FunctionIR.parent` links it to the function it is written
 * in) and a `func` expression where it is created, so the interpreter can give it the values
 * in scope there.
 */
import { field, named, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { unknown, type Arg, type Expr, type FunctionIR, type ModuleIR, type ParamIR, type Stmt, type Target } from './ir';

/** Lowers one JavaScript, TypeScript or TSX file. */
export function lowerJavaScript(tree: SyntaxTree): ModuleIR {
  return new JsLowerer(tree).module();
}

/** Methods that register a route handler (`app.get('/x', handler)`): the handler is named after the route. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'route']);

/** Calls that throw when their first argument is falsy: lowered as `if (!x) throw`. */
const ASSERTIONS = new Set(['assert', 'assert.ok', 'assert.strict', 'invariant', 'ctx.assert', 'this.assert']);

/** Syntax that is only about types: never lowered as a value. */
const TYPE_ONLY = /^(?:type_annotation|type_arguments|type_parameters|type_identifier|predefined_type|\w+_type|type_predicate_annotation|asserts_annotation|comment|decorator|accessibility_modifier|override_modifier)$/;

const FUNCTION_TYPES = new Set(['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function', 'arrow_function', 'method_definition']);

class JsLowerer {
  private readonly imports = new Map<string, string>();
  private readonly functions: FunctionIR[] = [];
  /** The function being lowered, innermost last. */
  private readonly scopes: FunctionIR[] = [];
  /** What `break` leaves, innermost last: inside a loop it ends the iteration's path; inside a switch it ends the case. */
  private breakable: ('loop' | 'switch')[] = [];

  constructor(private readonly tree: SyntaxTree) {}

  module(): ModuleIR {
    const topLevel = this.block(this.tree.root.children);
    return { imports: this.imports, functions: this.functions, topLevel };
  }

  private text(node: SyntaxNode): string {
    return this.tree.textOf(node);
  }

  private block(nodes: SyntaxNode[]): Stmt[] {
    const out: Stmt[] = [];
    for (const node of nodes) if (node.named) this.statement(node, out);
    return out;
  }

  /** A statement position that may hold a block or a single statement (`if (x) y();`). */
  private body(node: SyntaxNode | undefined): Stmt[] {
    if (!node) return [];
    if (node.type === 'statement_block') return this.block(node.children);
    const out: Stmt[] = [];
    this.statement(node, out);
    return out;
  }

  private statement(node: SyntaxNode, out: Stmt[], decorators: SyntaxNode[] = []): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of named(node)) out.push(...this.expressionStatement(child));
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of named(node)) if (declarator.type === 'variable_declarator') out.push(...this.declarator(declarator));
        return;
      case 'import_statement':
        this.importStatement(node);
        return;
      case 'export_statement': {
        const exportDecorators = node.children.filter((c) => c.type === 'decorator');
        const declaration = field(node, 'declaration');
        if (declaration) {
          this.statement(declaration, out, exportDecorators);
          return;
        }
        const value = field(node, 'value');
        if (value) out.push(...this.expressionStatement(value, 'default'));
        return;
      }
      case 'if_statement':
        out.push(this.ifStatement(node));
        return;
      case 'for_statement': {
        // The initializer is a declaration or a statement in some grammar versions, an expression in others.
        const init = field(node, 'initializer');
        if (init && /(?:_declaration|_statement)$/.test(init.type)) this.statement(init, out);
        else if (init) out.push(...this.expressionStatement(init));
        const test = field(node, 'condition');
        const increment = field(node, 'increment');
        const body = this.loopBody(field(node, 'body'));
        if (increment) body.push(...this.expressionStatement(increment));
        const condition = test?.type === 'expression_statement' ? named(test)[0] : test?.type === 'empty_statement' ? undefined : test;
        const testExpr = condition ? this.expr(condition) : undefined;
        out.push({ k: 'loop', ...(testExpr ? { test: testExpr } : {}), body, node });
        return;
      }
      case 'for_in_statement': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const body = this.loopBody(field(node, 'body'));
        out.push({ k: 'loop', ...(left && right ? { each: { target: this.target(left), iterable: this.expr(right) } } : {}), body, node });
        return;
      }
      case 'while_statement': {
        const test = field(node, 'condition');
        out.push({ k: 'loop', ...(test ? { test: this.expr(test) } : {}), body: this.loopBody(field(node, 'body')), node });
        return;
      }
      case 'do_statement': {
        // The body runs once before the condition is first read.
        const body = this.loopBody(field(node, 'body'));
        const test = field(node, 'condition');
        out.push({ k: 'block', body, node }, { k: 'loop', ...(test ? { test: this.expr(test) } : {}), body: this.loopBody(field(node, 'body')), node });
        return;
      }
      case 'try_statement': {
        const handler = field(node, 'handler');
        const finalizer = field(node, 'finalizer');
        // The try body may run whole or stop anywhere before the handler: run it, then maybe the handler.
        out.push({ k: 'block', body: this.body(field(node, 'body')), node });
        if (handler) {
          const caught: Stmt[] = [];
          const param = field(handler, 'parameter');
          if (param) caught.push({ k: 'assign', target: this.target(param), value: unknown(param), node: handler });
          caught.push(...this.body(field(handler, 'body')));
          out.push({ k: 'branches', alternatives: [[], caught], node: handler });
        }
        if (finalizer) out.push(...this.body(field(finalizer, 'body')));
        return;
      }
      case 'switch_statement': {
        const value = field(node, 'value');
        if (value) out.push({ k: 'expr', expr: this.expr(value), node: value });
        const alternatives: Stmt[][] = [];
        let hasDefault = false;
        this.breakable.push('switch');
        for (const clause of named(field(node, 'body') ?? node)) {
          if (clause.type !== 'switch_case' && clause.type !== 'switch_default') continue;
          if (clause.type === 'switch_default') hasDefault = true;
          const body: Stmt[] = [];
          for (const part of clause.children) if (part.field === 'body') this.statement(part, body);
          alternatives.push(body);
        }
        this.breakable.pop();
        if (!hasDefault) alternatives.push([]);
        out.push({ k: 'branches', alternatives, node });
        return;
      }
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
      case 'break_statement':
      case 'continue_statement':
        // `continue`, and `break` out of a loop, end this path through the body; `break` at the
        // end of a switch case only ends the case.
        if (node.type === 'continue_statement' || field(node, 'label') || this.breakable.at(-1) === 'loop') out.push({ k: 'exit', node });
        return;
      case 'statement_block':
        out.push({ k: 'block', body: this.block(node.children), node });
        return;
      case 'labeled_statement': {
        const body = field(node, 'body');
        if (body) this.statement(body, out);
        return;
      }
      case 'function_declaration':
      case 'generator_function_declaration': {
        const name = field(node, 'name');
        const fn = this.lowerFunction(node, name ? this.text(name) : '<function>');
        out.push({ k: 'expr', expr: { k: 'func', fn, node }, node });
        return;
      }
      case 'class_declaration':
      case 'abstract_class_declaration':
        out.push(...this.classBody(node, decorators));
        return;
      case 'internal_module':
      case 'module': {
        const body = field(node, 'body');
        if (body) out.push(...this.block(body.children));
        return;
      }
      case 'ambient_declaration':
      case 'interface_declaration':
      case 'type_alias_declaration':
      case 'enum_declaration':
      case 'function_signature':
      case 'import_alias':
      case 'empty_statement':
      case 'debugger_statement':
      case 'comment':
      case 'hash_bang_line':
        return;
      default:
        out.push({ k: 'expr', expr: this.expr(node), node });
    }
  }

  private loopBody(node: SyntaxNode | undefined): Stmt[] {
    this.breakable.push('loop');
    try {
      return this.body(node);
    } finally {
      this.breakable.pop();
    }
  }

  /** An expression in statement position: assignments become `assign` statements. */
  private expressionStatement(node: SyntaxNode, nameHint?: string): Stmt[] {
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = named(node)[0];
        return inner ? this.expressionStatement(inner) : [];
      }
      case 'sequence_expression':
        return named(node).flatMap((c) => this.expressionStatement(c));
      case 'assignment_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (!left || !right) return [{ k: 'expr', expr: unknown(node), node }];
        // `a = b = value`: both get the value.
        if (right.type === 'assignment_expression') {
          const inner = this.expressionStatement(right);
          const last = inner.at(-1);
          if (last?.k === 'assign') return [...inner, { k: 'assign', target: this.target(left), value: last.value, node }];
        }
        return [{ k: 'assign', target: this.target(left), value: this.expr(right, this.text(left)), node }];
      }
      case 'augmented_assignment_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const op = field(node, 'operator');
        if (!left || !right) return [{ k: 'expr', expr: unknown(node), node }];
        const opText = op ? this.text(op).slice(0, -1) : '+';
        // `x ??= y`, `x ||= y`: the value is one or the other, not a string built from both.
        if (opText === '??' || opText === '||' || opText === '&&') {
          return [{ k: 'assign', target: this.target(left), value: { k: 'binary', op: opText, left: this.expr(left), right: this.expr(right), node }, node }];
        }
        return [{ k: 'assign', target: this.target(left), value: this.expr(right), op: opText, node }];
      }
      case 'update_expression': {
        const argument = field(node, 'argument');
        if (!argument) return [];
        // `i++`: still a number, no longer the constant it was.
        return [{ k: 'assign', target: this.target(argument), value: unknown(node, [this.expr(argument)]), node }];
      }
      case 'call_expression': {
        const assertion = this.assertion(node);
        if (assertion) return [assertion];
        return [{ k: 'expr', expr: this.expr(node), node }];
      }
      default:
        return [{ k: 'expr', expr: this.expr(node, nameHint), node }];
    }
  }

  /** `assert(x)`, `ctx.assert(x, 400)`: execution goes on only when `x` holds, like `if (!x) throw`. */
  private assertion(node: SyntaxNode): Stmt | undefined {
    const callee = field(node, 'function');
    const args = field(node, 'arguments');
    if (!callee || !args || args.type !== 'arguments') return undefined;
    const calleeText = this.text(callee);
    if (!ASSERTIONS.has(calleeText) && !(this.imports.get(calleeText)?.replace(/^node:/, '').startsWith('assert'))) return undefined;
    const condition = named(args)[0];
    if (!condition) return undefined;
    return {
      k: 'block',
      body: [
        { k: 'expr', expr: this.expr(node), node },
        { k: 'if', test: { k: 'unary', op: '!', operand: this.expr(condition), node: condition }, then: [{ k: 'exit', node }], otherwise: [], node },
      ],
      node,
    };
  }

  private declarator(node: SyntaxNode): Stmt[] {
    const name = field(node, 'name');
    const value = field(node, 'value');
    const type = field(node, 'type');
    if (!name) return [];
    if (value && this.requireImport(name, value)) return [];
    const declaredType = type ? { declaredType: this.text(type).replace(/^:\s*/, '') } : {};
    // `let x;` is `undefined` until assigned.
    const valueExpr: Expr = value ? this.expr(value, this.text(name)) : { k: 'lit', value: null, node };
    return [{ k: 'assign', target: this.target(name), value: valueExpr, ...declaredType, node }];
  }

  /**
   * `const fs = require('fs')`, `const { exec } = require('child_process')`, `const run =
   * promisify(exec)`: recorded as imports (module names are namespaces, not values).
   */
  private requireImport(name: SyntaxNode, value: SyntaxNode): boolean {
    const inner = this.unwrap(value);
    const required = this.requiredModule(inner);
    if (required !== undefined) {
      this.bindImport(name, required);
      return true;
    }
    // `require('x').y`
    if (inner.type === 'member_expression') {
      const object = field(inner, 'object');
      const property = field(inner, 'property');
      const module = object ? this.requiredModule(this.unwrap(object)) : undefined;
      if (module !== undefined && property) {
        this.bindImport(name, `${module}.${this.text(property)}`);
        return true;
      }
    }
    // `secure ? https : http`: either module, used the same way.
    if (inner.type === 'ternary_expression' && name.type === 'identifier') {
      const [then, otherwise] = [field(inner, 'consequence'), field(inner, 'alternative')];
      const modules = [then, otherwise].map((n) => (n?.type === 'identifier' ? this.imports.get(this.text(n)) : undefined));
      if (modules[0] !== undefined && modules[1] !== undefined) {
        this.imports.set(this.text(name), modules[0]);
        return true;
      }
    }
    // `promisify(exec)`: the same function, returning a promise.
    if (inner.type === 'call_expression' && name.type === 'identifier') {
      const callee = field(inner, 'function');
      const args = field(inner, 'arguments');
      const calleePath = callee ? this.resolvePath(this.text(callee)) : '';
      const first = args ? named(args)[0] : undefined;
      if (/^(?:util\.)?promisify$/.test(calleePath) && first && /^[\w$.]+$/.test(this.text(first))) {
        const resolved = this.resolvePath(this.text(first));
        if (resolved !== this.text(first)) {
          this.imports.set(this.text(name), resolved);
          return true;
        }
      }
    }
    return false;
  }

  private requiredModule(node: SyntaxNode): string | undefined {
    if (node.type !== 'call_expression') return undefined;
    const callee = field(node, 'function');
    const args = field(node, 'arguments');
    if (!callee || this.text(callee) !== 'require' || !args) return undefined;
    const first = named(args)[0];
    return first?.type === 'string' ? moduleName(stringValue(this.tree, first)) : undefined;
  }

  private bindImport(name: SyntaxNode, module: string): void {
    if (name.type === 'identifier') {
      this.imports.set(this.text(name), module);
      return;
    }
    if (name.type === 'object_pattern') {
      for (const item of named(name)) {
        if (item.type === 'shorthand_property_identifier_pattern') this.imports.set(this.text(item), `${module}.${this.text(item)}`);
        else if (item.type === 'pair_pattern') {
          const key = field(item, 'key');
          const value = field(item, 'value');
          if (key && value?.type === 'identifier') this.imports.set(this.text(value), `${module}.${propertyName(this.tree, key)}`);
        }
      }
    }
  }

  /** A dotted name with its first segment replaced by what it was imported as. */
  private resolvePath(path: string): string {
    const dot = path.indexOf('.');
    const head = dot === -1 ? path : path.slice(0, dot);
    const imported = this.imports.get(head);
    if (imported === undefined) return path;
    return dot === -1 ? imported : imported + path.slice(dot);
  }

  private unwrap(node: SyntaxNode): SyntaxNode {
    let current = node;
    while (['parenthesized_expression', 'await_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion'].includes(current.type)) {
      const inner = named(current).find((c) => !TYPE_ONLY.test(c.type));
      if (!inner) break;
      current = inner;
    }
    return current;
  }

  private importStatement(node: SyntaxNode): void {
    const source = field(node, 'source');
    if (!source) return;
    const module = moduleName(stringValue(this.tree, source));
    for (const clause of named(node)) {
      if (clause.type === 'import_require_clause') {
        const id = named(clause).find((c) => c.type === 'identifier');
        if (id) this.imports.set(this.text(id), module);
      }
      if (clause.type !== 'import_clause') continue;
      for (const part of named(clause)) {
        if (part.type === 'identifier') this.imports.set(this.text(part), module);
        else if (part.type === 'namespace_import') {
          const id = named(part).find((c) => c.type === 'identifier');
          if (id) this.imports.set(this.text(id), module);
        } else if (part.type === 'named_imports') {
          for (const specifier of named(part)) {
            if (specifier.type !== 'import_specifier') continue;
            const imported = field(specifier, 'name');
            const alias = field(specifier, 'alias') ?? imported;
            if (imported && alias) this.imports.set(this.text(alias), imported.type === 'string' ? `${module}.${stringValue(this.tree, imported)}` : `${module}.${this.text(imported)}`);
          }
        }
      }
    }
  }

  private ifStatement(node: SyntaxNode): Stmt {
    const test = field(node, 'condition');
    const then = this.body(field(node, 'consequence'));
    const alternative = field(node, 'alternative');
    let otherwise: Stmt[] = [];
    if (alternative) {
      const inner = named(alternative)[0];
      otherwise = inner ? this.body(inner) : [];
    }
    return { k: 'if', test: test ? this.expr(test) : unknown(node), then, otherwise, node };
  }

  /** A class: its methods and field initialisers are created where the class is (they capture the scope there). */
  private classBody(node: SyntaxNode, outerDecorators: SyntaxNode[] = []): Stmt[] {
    const nameNode = field(node, 'name');
    const owner = nameNode ? this.text(nameNode) : '<class>';
    const classDecorators = [...outerDecorators, ...node.children.filter((c) => c.type === 'decorator')].map((d) => this.text(d).replace(/^@/, ''));
    const body = field(node, 'body');
    const out: Stmt[] = [];
    let pending: SyntaxNode[] = [];
    for (const member of body ? body.children : []) {
      if (member.type === 'decorator') {
        pending.push(member);
        continue;
      }
      if (member.type === 'method_definition') {
        const name = field(member, 'name');
        const decorators = [...pending, ...member.children.filter((c) => c.type === 'decorator')];
        const fn = this.lowerFunction(member, name ? this.text(name) : '<method>', { owner, ownerAnnotations: classDecorators, decorators });
        out.push({ k: 'expr', expr: { k: 'func', fn, node: member }, node: member });
      } else if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        const value = field(member, 'value');
        const name = field(member, 'name') ?? field(member, 'property');
        if (value) out.push({ k: 'expr', expr: this.expr(value, name ? this.text(name) : undefined, { owner, ownerAnnotations: classDecorators }), node: member });
      } else if (member.type === 'class_static_block') {
        const block = field(member, 'body');
        if (block) out.push(...this.body(block));
      }
      if (member.named) pending = [];
    }
    return out;
  }

  /** Lowers a function, method, arrow function or function expression, registering it once. */
  private lowerFunction(node: SyntaxNode, name: string, extra: { owner?: string; ownerAnnotations?: string[]; decorators?: SyntaxNode[] } = {}): FunctionIR {
    const parent = this.scopes.at(-1);
    const decorators = (extra.decorators ?? []).map((d) => this.expr(named(d)[0] ?? d));
    const fn: FunctionIR = {
      name,
      params: [],
      body: [],
      decorators,
      ...(extra.owner ? { owner: extra.owner } : {}),
      ...(extra.ownerAnnotations?.length ? { ownerAnnotations: extra.ownerAnnotations } : {}),
      ...(parent ? { parent } : {}),
      node,
    };
    this.functions.push(fn);
    this.scopes.push(fn);
    const savedBreakable = this.breakable;
    this.breakable = [];
    try {
      const single = field(node, 'parameter');
      const list = field(node, 'parameters');
      fn.params = this.params(single ? [single] : list ? named(list) : []);
      const body = field(node, 'body');
      if (!body) fn.body = [];
      else if (body.type === 'statement_block') fn.body = this.block(body.children);
      else fn.body = this.arrowBody(body);
    } finally {
      this.breakable = savedBreakable;
      this.scopes.pop();
    }
    return fn;
  }

  /** `x => expr`: returns the expression, unless it is an assignment (`chunk => (data += chunk)`). */
  private arrowBody(body: SyntaxNode): Stmt[] {
    const inner = this.unwrap(body);
    if (inner.type === 'assignment_expression' || inner.type === 'augmented_assignment_expression' || inner.type === 'update_expression') return this.expressionStatement(inner);
    return [{ k: 'return', value: this.expr(body), node: body }];
  }

  private params(nodes: SyntaxNode[]): ParamIR[] {
    const out: ParamIR[] = [];
    for (const p of nodes) {
      let pattern = p;
      const extra: Omit<ParamIR, 'name'> = {};
      if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
        const inner = field(p, 'pattern');
        if (!inner) continue;
        pattern = inner;
        const type = field(p, 'type');
        if (type) extra.type = this.text(type).replace(/^:\s*/, '');
        const value = field(p, 'value');
        if (value) extra.defaultValue = this.expr(value);
        const annotations = p.children.filter((c) => c.type === 'decorator').map((d) => this.text(d).replace(/^@/, ''));
        if (annotations.length) extra.annotations = annotations;
      }
      if (pattern.type === 'assignment_pattern') {
        const right = field(pattern, 'right');
        if (right) extra.defaultValue = this.expr(right);
        pattern = field(pattern, 'left') ?? pattern;
      }
      if (pattern.type === 'rest_pattern') pattern = named(pattern)[0] ?? pattern;
      if (pattern.type === 'this') continue;
      if (pattern.type === 'identifier') out.push({ name: this.text(pattern), ...extra });
      else if (pattern.type === 'object_pattern' || pattern.type === 'array_pattern') {
        out.push({ name: this.text(pattern), bindings: this.boundNames(pattern), ...extra });
      }
    }
    return out;
  }

  /** The names a destructuring pattern binds. */
  private boundNames(pattern: SyntaxNode): string[] {
    const out: string[] = [];
    const visit = (n: SyntaxNode): void => {
      switch (n.type) {
        case 'identifier':
        case 'shorthand_property_identifier_pattern':
          out.push(this.text(n));
          return;
        case 'pair_pattern': {
          const value = field(n, 'value');
          if (value) visit(value);
          return;
        }
        case 'assignment_pattern':
        case 'object_assignment_pattern': {
          const left = field(n, 'left');
          if (left) visit(left);
          return;
        }
        default:
          for (const c of named(n)) visit(c);
      }
    };
    visit(pattern);
    return out;
  }

  target(node: SyntaxNode): Target {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        return { k: 'name', name: this.text(node), node };
      case 'member_expression': {
        const object = field(node, 'object');
        const property = field(node, 'property');
        if (object && property) return { k: 'attr', object: this.expr(object), name: this.text(property), node };
        return { k: 'ignore', node };
      }
      case 'subscript_expression': {
        const object = field(node, 'object');
        const index = field(node, 'index');
        if (object) return { k: 'index', object: this.expr(object), index: index ? this.expr(index) : unknown(node), node };
        return { k: 'ignore', node };
      }
      case 'object_pattern': {
        const items: { key?: string; target: Target }[] = [];
        for (const item of named(node)) {
          if (item.type === 'shorthand_property_identifier_pattern') items.push({ key: this.text(item), target: { k: 'name', name: this.text(item), node: item } });
          else if (item.type === 'pair_pattern') {
            const key = field(item, 'key');
            const value = field(item, 'value');
            if (value) items.push({ ...(key && key.type !== 'computed_property_name' ? { key: propertyName(this.tree, key) } : {}), target: this.target(value) });
          } else if (item.type === 'object_assignment_pattern') {
            const left = field(item, 'left');
            if (left) items.push({ key: this.text(left), target: this.target(left) });
          } else if (item.type === 'rest_pattern') {
            const inner = named(item)[0];
            if (inner) items.push({ target: this.target(inner) });
          }
        }
        return { k: 'tuple', items, node };
      }
      case 'array_pattern': {
        // Holes count: `[a, , b]` binds positions 0 and 2.
        const items: { target: Target }[] = [];
        let pendingHole = true;
        for (const child of node.children) {
          if (child.type === ',') {
            if (pendingHole) items.push({ target: { k: 'ignore', node: child } });
            pendingHole = true;
          } else if (child.named && child.type !== 'comment') {
            items.push({ target: this.target(child) });
            pendingHole = false;
          }
        }
        return { k: 'tuple', items, node };
      }
      case 'assignment_pattern': {
        const left = field(node, 'left');
        return left ? this.target(left) : { k: 'ignore', node };
      }
      case 'rest_pattern':
      case 'parenthesized_expression':
      case 'non_null_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'type_assertion': {
        const inner = named(node).find((c) => !TYPE_ONLY.test(c.type));
        return inner ? this.target(inner) : { k: 'ignore', node };
      }
      default:
        return { k: 'ignore', node };
    }
  }

  expr(node: SyntaxNode, nameHint?: string, owner?: { owner: string; ownerAnnotations: string[] }): Expr {
    switch (node.type) {
      case 'identifier':
        if (this.text(node) === 'undefined') return { k: 'lit', value: null, node };
        return { k: 'name', name: this.text(node), node };
      case 'this':
      case 'super':
        return { k: 'name', name: 'this', node };
      case 'number': {
        const value = Number(this.text(node).replace(/_/g, '').replace(/n$/, ''));
        return { k: 'lit', value: Number.isFinite(value) ? value : 0, node };
      }
      case 'true':
        return { k: 'lit', value: true, node };
      case 'false':
        return { k: 'lit', value: false, node };
      case 'null':
      case 'undefined':
        return { k: 'lit', value: null, node };
      case 'string':
        return { k: 'lit', value: stringValue(this.tree, node), node };
      case 'template_string':
        return this.template(node);
      case 'regex': {
        // A regex literal is `new RegExp(pattern, flags)`: rules read its pattern (anchored or not).
        const pattern = field(node, 'pattern');
        const flags = field(node, 'flags');
        const args: Arg[] = [{ value: { k: 'lit', value: pattern ? this.text(pattern) : '', node } }];
        if (flags) args.push({ value: { k: 'lit', value: this.text(flags), node: flags } });
        return { k: 'call', callee: { k: 'name', name: 'RegExp', node }, args, isNew: true, node };
      }
      case 'member_expression': {
        const object = field(node, 'object');
        const property = field(node, 'property');
        if (!object || !property) return unknown(node);
        // `require('child_process').exec(...)` inline: the module, as a `require` bound to a name would be.
        const required = this.requiredModule(this.unwrap(object));
        if (required !== undefined) {
          const alias = `require:${required.replace(/\./g, '_')}`;
          this.imports.set(alias, required);
          return { k: 'attr', object: { k: 'name', name: alias, node: object }, name: this.text(property), node };
        }
        return { k: 'attr', object: this.expr(object), name: this.text(property), node };
      }
      case 'subscript_expression': {
        const object = field(node, 'object');
        const index = field(node, 'index');
        if (object) return { k: 'index', object: this.expr(object), index: index ? this.expr(index) : unknown(node), node };
        return unknown(node);
      }
      case 'call_expression': {
        const callee = field(node, 'function');
        const args = field(node, 'arguments');
        const calleeExpr = callee ? this.expr(callee) : unknown(node);
        if (args?.type === 'template_string') return { k: 'call', callee: calleeExpr, args: this.taggedArgs(args), node };
        return { k: 'call', callee: calleeExpr, args: args ? this.args(args, calleeExpr) : [], node };
      }
      case 'new_expression': {
        const constructor = field(node, 'constructor');
        const args = field(node, 'arguments');
        const calleeExpr = constructor ? this.expr(constructor) : unknown(node);
        return { k: 'call', callee: calleeExpr, args: args ? this.args(args, calleeExpr) : [], isNew: true, node };
      }
      case 'parenthesized_expression':
      case 'await_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion':
      case 'instantiation_expression': {
        const inner = named(node).find((c) => !TYPE_ONLY.test(c.type));
        return inner ? this.expr(inner, nameHint) : unknown(node);
      }
      case 'binary_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const op = field(node, 'operator');
        if (left && right) return { k: 'binary', op: op ? this.text(op) : '?', left: this.expr(left), right: this.expr(right), node };
        return unknown(node);
      }
      case 'unary_expression': {
        const argument = field(node, 'argument');
        const op = field(node, 'operator');
        const opText = op ? this.text(op) : '';
        if (!argument) return unknown(node);
        // `typeof x` is a type's name, `void x` is undefined: neither carries x.
        if (opText === 'typeof') return unknown(node);
        if (opText === 'void') return { k: 'lit', value: null, node };
        if (opText === 'delete') return { k: 'lit', value: true, node };
        // `+x`, `-x`, `~x` are numbers whatever x was: `Number(x)` (constants still fold).
        if ((opText === '+' || opText === '-' || opText === '~') && argument.type !== 'number') {
          return { k: 'call', callee: { k: 'name', name: 'Number', node }, args: [{ value: this.expr(argument) }], node };
        }
        return { k: 'unary', op: opText, operand: this.expr(argument), node };
      }
      case 'update_expression': {
        const argument = field(node, 'argument');
        return unknown(node, argument ? [this.expr(argument)] : []);
      }
      case 'ternary_expression': {
        const test = field(node, 'condition');
        const then = field(node, 'consequence');
        const otherwise = field(node, 'alternative');
        if (test && then && otherwise) return { k: 'cond', test: this.expr(test), then: this.expr(then), otherwise: this.expr(otherwise), node };
        return unknown(node);
      }
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        // An assignment used as a value (`while ((m = re.exec(s)))`): its value is the right side.
        const right = field(node, 'right');
        return right ? this.expr(right) : unknown(node);
      }
      case 'sequence_expression': {
        const parts = named(node);
        const last = parts.at(-1);
        return last ? unknown(node, parts.map((p) => this.expr(p))) : unknown(node);
      }
      case 'array':
        return { k: 'seq', items: named(node).filter((c) => c.type !== 'comment').map((c) => this.expr(c.type === 'spread_element' ? (named(c)[0] ?? c) : c)), node };
      case 'object':
        return this.object(node, owner);
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function': {
        const name = field(node, 'name');
        const fn = this.lowerFunction(node, name ? this.text(name) : (nameHint ?? '<anonymous>'), owner ?? {});
        return { k: 'func', fn, node };
      }
      case 'class': {
        const statements = this.classBody(node);
        return unknown(node, statements.flatMap((s) => (s.k === 'expr' ? [s.expr] : [])));
      }
      case 'jsx_element':
      case 'jsx_self_closing_element':
      case 'jsx_fragment':
        return this.jsx(node);
      case 'jsx_expression': {
        const inner = named(node).find((c) => c.type !== 'comment');
        return inner ? this.expr(inner.type === 'spread_element' ? (named(inner)[0] ?? inner) : inner) : { k: 'lit', value: null, node };
      }
      case 'jsx_text':
      case 'html_character_reference':
        return { k: 'lit', value: this.text(node), node };
      case 'spread_element':
      case 'yield_expression':
        return unknown(node, named(node).map((c) => this.expr(c)));
      case 'comment':
        return { k: 'lit', value: null, node };
      default:
        return unknown(node, named(node).filter((c) => !TYPE_ONLY.test(c.type)).map((c) => this.expr(c)));
    }
  }

  private template(node: SyntaxNode): Expr {
    const parts: Expr[] = [];
    let literal = '';
    let interpolated = false;
    for (const child of node.children) {
      if (child.type === 'string_fragment') literal += this.text(child);
      else if (child.type === 'escape_sequence') literal += unescape(this.text(child));
      else if (child.type === 'template_substitution') {
        interpolated = true;
        if (literal) parts.push({ k: 'lit', value: literal, node: child });
        literal = '';
        const value = named(child).find((c) => c.type !== 'comment');
        if (value) parts.push(this.expr(value));
      }
    }
    if (!interpolated) return { k: 'lit', value: literal, node };
    if (literal) parts.push({ k: 'lit', value: literal, node });
    return { k: 'template', parts, node };
  }

  /**
   * A tagged template (sql`…${x}`) is a call of the tag: its first argument is the list of
   * literal pieces (a `seq` whose node is the template), then the values.
   */
  private taggedArgs(node: SyntaxNode): Arg[] {
    const pieces: Expr[] = [];
    const values: Arg[] = [];
    for (const child of node.children) {
      if (child.type === 'string_fragment') pieces.push({ k: 'lit', value: this.text(child), node: child });
      else if (child.type === 'template_substitution') {
        const value = named(child).find((c) => c.type !== 'comment');
        if (value) values.push({ value: this.expr(value) });
      }
    }
    return [{ value: { k: 'seq', items: pieces, node } }, ...values];
  }

  private args(node: SyntaxNode, callee: Expr): Arg[] {
    const out: Arg[] = [];
    const children = named(node).filter((c) => c.type !== 'comment');
    // A handler registered for a route is named after it (`POST /login/otp`): its name tells what it is for.
    const method = callee.k === 'attr' ? callee.name : undefined;
    const first = children[0];
    const route = method && ROUTE_METHODS.has(method) && first?.type === 'string' ? `${method.toUpperCase()} ${stringValue(this.tree, first)}` : undefined;
    for (const c of children) {
      if (c.type === 'spread_element') {
        const inner = named(c)[0];
        if (inner) out.push({ value: this.expr(inner), spread: true });
      } else {
        out.push({ value: this.expr(c, FUNCTION_TYPES.has(c.type) ? route : undefined) });
      }
    }
    return out;
  }

  private object(node: SyntaxNode, owner?: { owner: string; ownerAnnotations: string[] }): Expr {
    const entries: { key?: Expr; value: Expr }[] = [];
    for (const c of named(node)) {
      switch (c.type) {
        case 'pair': {
          const key = field(c, 'key');
          const value = field(c, 'value');
          if (!key || !value) break;
          const keyExpr: Expr = key.type === 'computed_property_name' ? this.expr(named(key)[0] ?? key) : { k: 'lit', value: propertyName(this.tree, key), node: key };
          entries.push({ key: keyExpr, value: this.expr(value, keyExpr.k === 'lit' ? String(keyExpr.value) : undefined) });
          break;
        }
        case 'shorthand_property_identifier':
          entries.push({ key: { k: 'lit', value: this.text(c), node: c }, value: { k: 'name', name: this.text(c), node: c } });
          break;
        case 'spread_element': {
          const inner = named(c)[0];
          if (inner) entries.push({ value: this.expr(inner) });
          break;
        }
        case 'method_definition': {
          const name = field(c, 'name');
          const fn = this.lowerFunction(c, name ? this.text(name) : '<method>', owner ?? {});
          entries.push({ key: { k: 'lit', value: name ? propertyName(this.tree, name) : '', node: c }, value: { k: 'func', fn, node: c } });
          break;
        }
        default:
          break;
      }
    }
    return { k: 'map', entries, node };
  }

  /** `<Tag a={x}>{y}</Tag>` is `jsx('Tag', { a: x }, y)` (what React.createElement receives). */
  private jsx(node: SyntaxNode): Expr {
    const opening = node.type === 'jsx_element' ? field(node, 'open_tag') : node.type === 'jsx_self_closing_element' ? node : undefined;
    const tagNode = opening ? field(opening, 'name') : undefined;
    const entries: { key?: Expr; value: Expr }[] = [];
    for (const attribute of opening ? opening.children.filter((c) => c.field === 'attribute' || c.type === 'jsx_attribute' || c.type === 'jsx_expression') : []) {
      if (attribute.type === 'jsx_attribute') {
        const [nameNode, valueNode] = named(attribute);
        if (!nameNode) continue;
        entries.push({ key: { k: 'lit', value: this.text(nameNode), node: nameNode }, value: valueNode ? this.expr(valueNode) : { k: 'lit', value: true, node: attribute } });
      } else if (attribute.type === 'jsx_expression') {
        entries.push({ value: this.expr(attribute) });
      }
    }
    const children: Arg[] = [];
    if (node.type !== 'jsx_self_closing_element') {
      for (const child of named(node)) {
        if (child.field === 'open_tag' || child.field === 'close_tag' || child.type === 'jsx_opening_element' || child.type === 'jsx_closing_element' || child.type === 'jsx_text') continue;
        children.push({ value: this.expr(child) });
      }
    }
    return {
      k: 'call',
      callee: { k: 'name', name: 'jsx', node },
      args: [{ value: { k: 'lit', value: tagNode ? this.text(tagNode) : '', node } }, { value: { k: 'map', entries, node } }, ...children],
      node,
    };
  }
}

/** `node:fs` and `fs` are the same module. */
function moduleName(source: string): string {
  return source.replace(/^node:/, '');
}

/** The name a property key stands for (`a`, `'a-b'`, `1`). */
function propertyName(tree: SyntaxTree, key: SyntaxNode): string {
  return key.type === 'string' ? stringValue(tree, key) : tree.textOf(key);
}

/** The value of a string literal, escapes decoded. */
function stringValue(tree: SyntaxTree, node: SyntaxNode): string {
  let out = '';
  for (const child of node.children) {
    if (child.type === 'string_fragment') out += tree.textOf(child);
    else if (child.type === 'escape_sequence') out += unescape(tree.textOf(child));
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

function unescape(sequence: string): string {
  const body = sequence.slice(1);
  if (body.startsWith('u{')) return String.fromCodePoint(parseInt(body.slice(2, -1), 16) || 0);
  if (body.startsWith('u') || body.startsWith('x')) return String.fromCharCode(parseInt(body.slice(1), 16) || 0);
  if (body.startsWith('\n') || body.startsWith('\r')) return '';
  return SIMPLE_ESCAPES[body] ?? body;
}

