/** Python syntax trees (tree-sitter-python 0.25) lowered into the analysis form (`ir.ts`). */
import { field, named, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { unknown, type Arg, type Expr, type FunctionIR, type ModuleIR, type ParamIR, type Stmt, type Target } from './ir';

/** Lowers one Python file. */
export function lowerPython(tree: SyntaxTree): ModuleIR {
  return new PythonLowerer(tree).module();
}

class PythonLowerer {
  private readonly imports = new Map<string, string>();
  private readonly functions: FunctionIR[] = [];

  constructor(private readonly tree: SyntaxTree) {}

  module(): ModuleIR {
    const topLevel = this.block(this.tree.root.children, undefined);
    return { imports: this.imports, functions: this.functions, topLevel };
  }

  private text(node: SyntaxNode): string {
    return this.tree.textOf(node);
  }

  private block(nodes: SyntaxNode[], owner: string | undefined, ownerDecorators: string[] = []): Stmt[] {
    const out: Stmt[] = [];
    for (const node of nodes) if (node.named) this.statement(node, out, owner, ownerDecorators);
    return out;
  }

  private body(node: SyntaxNode | undefined, owner?: string): Stmt[] {
    return node ? this.block(node.children, owner) : [];
  }

  private statement(node: SyntaxNode, out: Stmt[], owner: string | undefined, ownerDecorators: string[]): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of named(node)) out.push(this.expressionStatement(child));
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node);
        return;
      case 'if_statement':
        out.push(this.ifStatement(node, owner));
        return;
      case 'for_statement': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        out.push({
          k: 'loop',
          ...(left && right ? { each: { target: this.target(left), iterable: this.expr(right) } } : {}),
          body: [...this.body(field(node, 'body'), owner), ...this.body(field(node, 'alternative'), owner)],
          node,
        });
        return;
      }
      case 'while_statement': {
        const test = field(node, 'condition');
        out.push({ k: 'loop', ...(test ? { test: this.expr(test) } : {}), body: this.body(field(node, 'body'), owner), node });
        return;
      }
      case 'try_statement': {
        const alternatives: Stmt[][] = [this.body(field(node, 'body'), owner)];
        const after: Stmt[] = [];
        for (const child of named(node)) {
          if (child.type === 'except_clause' || child.type === 'except_group_clause') {
            const handler: Stmt[] = [];
            const value = field(child, 'value');
            const alias = value?.type === 'as_pattern' ? field(value, 'alias') : undefined;
            const aliasName = alias ? named(alias)[0] : undefined;
            if (aliasName) handler.push({ k: 'assign', target: { k: 'name', name: this.text(aliasName), node: aliasName }, value: unknown(aliasName), node: child });
            for (const part of named(child)) if (part.type === 'block') handler.push(...this.body(part, owner));
            alternatives.push(handler);
          } else if (child.type === 'else_clause' || child.type === 'finally_clause') {
            for (const part of named(child)) if (part.type === 'block') after.push(...this.body(part, owner));
          }
        }
        // The try body may run whole or stop anywhere before a handler: run it, then any handler.
        out.push({ k: 'block', body: alternatives[0]!, node });
        if (alternatives.length > 1) out.push({ k: 'branches', alternatives: [[], ...alternatives.slice(1)], node });
        out.push(...after);
        return;
      }
      case 'with_statement': {
        const body: Stmt[] = [];
        for (const clause of named(node)) {
          if (clause.type !== 'with_clause') continue;
          for (const item of named(clause)) {
            const value = field(item, 'value');
            if (!value) continue;
            if (value.type === 'as_pattern') {
              const source = named(value)[0];
              const alias = field(value, 'alias');
              const target = alias ? named(alias)[0] : undefined;
              if (source && target) body.push({ k: 'assign', target: this.target(target), value: this.expr(source), node: item });
              else if (source) body.push({ k: 'expr', expr: this.expr(source), node: item });
            } else {
              body.push({ k: 'expr', expr: this.expr(value), node: item });
            }
          }
        }
        body.push(...this.body(field(node, 'body'), owner));
        out.push({ k: 'block', body, node });
        return;
      }
      case 'match_statement': {
        const subject = field(node, 'subject');
        if (subject) out.push({ k: 'expr', expr: this.expr(subject), node: subject });
        const alternatives: Stmt[][] = [[]];
        const body = field(node, 'body');
        for (const clause of body ? named(body) : []) {
          if (clause.type === 'case_clause') alternatives.push(this.body(field(clause, 'consequence'), owner));
        }
        out.push({ k: 'branches', alternatives, node });
        return;
      }
      case 'return_statement': {
        const value = named(node)[0];
        out.push({ k: 'return', ...(value ? { value: this.expr(value) } : {}), node });
        return;
      }
      case 'raise_statement': {
        const value = named(node)[0];
        out.push({ k: 'exit', ...(value ? { value: this.expr(value) } : {}), node });
        return;
      }
      case 'function_definition':
        this.functionDefinition(node, [], owner, ownerDecorators);
        return;
      case 'decorated_definition': {
        const decorators = named(node).filter((c) => c.type === 'decorator');
        const definition = field(node, 'definition');
        if (definition?.type === 'function_definition') this.functionDefinition(definition, decorators, owner, ownerDecorators);
        else if (definition?.type === 'class_definition') this.classDefinition(definition, decorators);
        return;
      }
      case 'class_definition':
        this.classDefinition(node, []);
        return;
      case 'block':
        out.push(...this.block(node.children, owner));
        return;
      case 'comment':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'future_import_statement':
        return;
      default:
        out.push({ k: 'expr', expr: unknown(node, named(node).map((c) => this.expr(c))), node });
    }
  }

  private expressionStatement(node: SyntaxNode): Stmt {
    if (node.type === 'assignment') return this.assignment(node);
    if (node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const op = field(node, 'operator');
      if (left && right) return { k: 'assign', target: this.target(left), value: this.expr(right), op: op ? this.text(op).replace('=', '') : '+', node };
    }
    return { k: 'expr', expr: this.expr(node), node };
  }

  private assignment(node: SyntaxNode): Stmt {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const type = field(node, 'type');
    if (!left) return { k: 'expr', expr: unknown(node), node };
    if (!right) return { k: 'assign', target: this.target(left), value: unknown(node), node };
    // `a = b = value`: both names get the value.
    if (right.type === 'assignment') {
      const inner = this.assignment(right);
      if (inner.k === 'assign') {
        return { k: 'block', body: [inner, { k: 'assign', target: this.target(left), value: inner.value, node }], node };
      }
    }
    return { k: 'assign', target: this.target(left), value: this.expr(right), ...(type ? { declaredType: this.text(type) } : {}), node };
  }

  private ifStatement(node: SyntaxNode, owner: string | undefined): Stmt {
    const test = field(node, 'condition');
    const then = this.body(field(node, 'consequence'), owner);
    // `elif` chains nest: each elif is the `otherwise` of the one before.
    const alternatives = node.children.filter((c) => c.field === 'alternative');
    const otherwise = this.elseChain(alternatives, owner);
    return { k: 'if', test: test ? this.expr(test) : unknown(node), then, otherwise, node };
  }

  private elseChain(alternatives: SyntaxNode[], owner: string | undefined): Stmt[] {
    const [first, ...rest] = alternatives;
    if (!first) return [];
    if (first.type === 'else_clause') return this.body(field(first, 'body'), owner);
    const test = field(first, 'condition');
    return [{ k: 'if', test: test ? this.expr(test) : unknown(first), then: this.body(field(first, 'consequence'), owner), otherwise: this.elseChain(rest, owner), node: first }];
  }

  private importStatement(node: SyntaxNode): void {
    const moduleNode = field(node, 'module_name');
    const from = moduleNode ? this.text(moduleNode) : undefined;
    for (const child of node.children) {
      if (child.field !== 'name') continue;
      if (child.type === 'aliased_import') {
        const name = field(child, 'name');
        const alias = field(child, 'alias');
        if (name && alias) this.imports.set(this.text(alias), from ? `${from}.${this.text(name)}` : this.text(name));
      } else if (child.type === 'dotted_name') {
        const full = this.text(child);
        if (from) this.imports.set(full, `${from}.${full}`);
        else this.imports.set(full.split('.')[0]!, full.split('.')[0]!);
      }
    }
  }

  private classDefinition(node: SyntaxNode, decorators: SyntaxNode[]): void {
    const name = field(node, 'name');
    const body = field(node, 'body');
    const className = name ? this.text(name) : '<class>';
    const decoratorTexts = decorators.map((d) => this.text(d).replace(/^@/, ''));
    if (body) this.block(body.children, className, decoratorTexts);
  }

  private functionDefinition(node: SyntaxNode, decorators: SyntaxNode[], owner: string | undefined, ownerDecorators: string[]): void {
    const name = field(node, 'name');
    const fn: FunctionIR = {
      name: name ? this.text(name) : '<function>',
      params: this.params(field(node, 'parameters')),
      body: [],
      decorators: decorators.map((d) => this.expr(named(d)[0] ?? d)),
      ...(owner ? { owner } : {}),
      ...(ownerDecorators.length ? { ownerAnnotations: ownerDecorators } : {}),
      node,
    };
    this.functions.push(fn);
    fn.body = this.body(field(node, 'body'));
  }

  private params(node: SyntaxNode | undefined): ParamIR[] {
    if (!node) return [];
    const out: ParamIR[] = [];
    for (const p of named(node)) {
      switch (p.type) {
        case 'identifier':
          out.push({ name: this.text(p) });
          break;
        case 'typed_parameter': {
          const id = named(p).find((c) => c.type === 'identifier' || c.type.endsWith('splat_pattern'));
          const type = field(p, 'type');
          if (id) out.push({ name: this.text(id).replace(/^\*+/, ''), ...(type ? { type: this.text(type) } : {}) });
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const id = field(p, 'name');
          const type = field(p, 'type');
          const value = field(p, 'value');
          if (id) out.push({ name: this.text(id), ...(type ? { type: this.text(type) } : {}), ...(value ? { defaultValue: this.expr(value) } : {}) });
          break;
        }
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern': {
          const id = named(p)[0];
          if (id) out.push({ name: this.text(id) });
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

  target(node: SyntaxNode): Target {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.text(node), node };
      case 'attribute': {
        const object = field(node, 'object');
        const attr = field(node, 'attribute');
        if (object && attr) return { k: 'attr', object: this.expr(object), name: this.text(attr), node };
        return { k: 'ignore', node };
      }
      case 'subscript': {
        const object = field(node, 'value');
        const index = field(node, 'subscript');
        if (object) return { k: 'index', object: this.expr(object), index: index ? this.expr(index) : unknown(node), node };
        return { k: 'ignore', node };
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
        return { k: 'tuple', items: named(node).map((c) => ({ target: this.target(c) })), node };
      case 'parenthesized_expression':
        return named(node)[0] ? this.target(named(node)[0]!) : { k: 'ignore', node };
      case 'list_splat_pattern':
        return named(node)[0] ? this.target(named(node)[0]!) : { k: 'ignore', node };
      default:
        return { k: 'ignore', node };
    }
  }

  expr(node: SyntaxNode): Expr {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.text(node), node };
      case 'integer':
      case 'float': {
        const value = Number(this.text(node).replace(/_/g, ''));
        return { k: 'lit', value: Number.isFinite(value) ? value : 0, node };
      }
      case 'true':
        return { k: 'lit', value: true, node };
      case 'false':
        return { k: 'lit', value: false, node };
      case 'none':
        return { k: 'lit', value: null, node };
      case 'string':
        return this.string(node);
      case 'concatenated_string': {
        const parts = named(node).map((c) => this.expr(c));
        return parts.every((p) => p.k === 'lit') ? { k: 'lit', value: parts.map((p) => (p.k === 'lit' ? String(p.value) : '')).join(''), node } : { k: 'template', parts, node };
      }
      case 'attribute': {
        const object = field(node, 'object');
        const attr = field(node, 'attribute');
        if (object && attr) return { k: 'attr', object: this.expr(object), name: this.text(attr), node };
        return unknown(node);
      }
      case 'subscript': {
        const object = field(node, 'value');
        const index = field(node, 'subscript');
        if (object) return { k: 'index', object: this.expr(object), index: index ? this.expr(index) : unknown(node), node };
        return unknown(node);
      }
      case 'call': {
        const callee = field(node, 'function');
        const argsNode = field(node, 'arguments');
        return { k: 'call', callee: callee ? this.expr(callee) : unknown(node), args: argsNode ? this.args(argsNode) : [], node };
      }
      case 'binary_operator':
      case 'boolean_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        const op = field(node, 'operator');
        if (left && right) return { k: 'binary', op: op ? this.text(op) : '?', left: this.expr(left), right: this.expr(right), node };
        return unknown(node);
      }
      case 'comparison_operator': {
        // `a < b <= c` compares pairwise; the analysis needs the first pair (guards are single comparisons).
        const operands = node.children.filter((c) => c.named && c.field !== 'operators');
        const ops = node.children.filter((c) => c.field === 'operators');
        if (operands.length === 2 && ops[0]) {
          return { k: 'binary', op: this.text(ops[0]).replace(/\s+/g, ' '), left: this.expr(operands[0]!), right: this.expr(operands[1]!), node };
        }
        return unknown(node, operands.map((c) => this.expr(c)));
      }
      case 'not_operator': {
        const argument = field(node, 'argument');
        return argument ? { k: 'unary', op: 'not', operand: this.expr(argument), node } : unknown(node);
      }
      case 'unary_operator': {
        const argument = field(node, 'argument');
        const op = field(node, 'operator');
        return argument ? { k: 'unary', op: op ? this.text(op) : '-', operand: this.expr(argument), node } : unknown(node);
      }
      case 'parenthesized_expression':
      case 'await':
        return named(node)[0] ? this.expr(named(node)[0]!) : unknown(node);
      case 'conditional_expression': {
        const [then, test, otherwise] = named(node);
        if (then && test && otherwise) return { k: 'cond', test: this.expr(test), then: this.expr(then), otherwise: this.expr(otherwise), node };
        return unknown(node);
      }
      case 'list':
      case 'tuple':
      case 'set':
        return { k: 'seq', items: named(node).map((c) => this.expr(c.type === 'list_splat' ? (named(c)[0] ?? c) : c)), node };
      case 'expression_list':
        return { k: 'seq', items: named(node).map((c) => this.expr(c)), node };
      case 'dictionary': {
        const entries: { key?: Expr; value: Expr }[] = [];
        for (const c of named(node)) {
          if (c.type === 'pair') {
            const key = field(c, 'key');
            const value = field(c, 'value');
            if (key && value) entries.push({ key: this.expr(key), value: this.expr(value) });
          } else if (c.type === 'dictionary_splat') {
            const inner = named(c)[0];
            if (inner) entries.push({ value: this.expr(inner) });
          }
        }
        return { k: 'map', entries, node };
      }
      case 'named_expression': {
        const value = field(node, 'value');
        return value ? this.expr(value) : unknown(node);
      }
      case 'lambda': {
        const body = field(node, 'body');
        return unknown(node, body ? [this.expr(body)] : []);
      }
      default:
        return unknown(node, named(node).map((c) => this.expr(c)));
    }
  }

  private string(node: SyntaxNode): Expr {
    const parts: Expr[] = [];
    let literal = '';
    let interpolated = false;
    for (const child of node.children) {
      if (child.type === 'string_content' || child.type === 'escape_sequence') literal += this.text(child);
      else if (child.type === 'interpolation') {
        interpolated = true;
        if (literal) parts.push({ k: 'lit', value: literal, node: child });
        literal = '';
        const value = field(child, 'expression') ?? named(child)[0];
        if (value) parts.push(this.expr(value));
      }
    }
    if (!interpolated) return { k: 'lit', value: literal, node };
    if (literal) parts.push({ k: 'lit', value: literal, node });
    return { k: 'template', parts, node };
  }

  private args(node: SyntaxNode): Arg[] {
    if (node.type === 'generator_expression') return [{ value: unknown(node, named(node).map((c) => this.expr(c))) }];
    const out: Arg[] = [];
    for (const c of named(node)) {
      if (c.type === 'keyword_argument') {
        const name = field(c, 'name');
        const value = field(c, 'value');
        if (name && value) out.push({ name: this.text(name), value: this.expr(value) });
      } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
        const inner = named(c)[0];
        if (inner) out.push({ value: this.expr(inner), spread: true });
      } else if (c.type !== 'comment') {
        out.push({ value: this.expr(c) });
      }
    }
    return out;
  }
}
