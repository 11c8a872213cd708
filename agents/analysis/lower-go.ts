/**
 * Go syntax trees (tree-sitter-go) lowered into the analysis form (`ir.ts`).
 *
 * Go specifics: imports are known by their package name (the path's last segment, without a
 * `/vN` or `.vN` version, or the alias) and resolve to the whole path (`exec.Command` →
 * `os/exec.Command`); `&x` passed to a call is a reference the callee may write into
 * (`json.Unmarshal(body, &req)`); function literals are functions of their own (handlers are
 * often closures returned by a constructor); `switch` becomes an `if` chain so a case on
 * constants validates its subject; a boolean local tested later (`ok := re.MatchString(x)`,
 * `if !ok`) is inlined into the test so the guard it is applies.
 */
import { field, fields, named, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { binaryChain, chainLength, chainLinks, constantFunctions, LONG_BRANCH_CHAIN, LONG_CHAIN, recordFacts } from './go-rust-kit';
import { unknown, type Arg, type Expr, type FunctionIR, type ModuleIR, type ParamIR, type Stmt, type Target } from './ir';

/** Lowers one Go file. */
export function lowerGo(tree: SyntaxTree): ModuleIR {
  return new GoLowerer(tree).module();
}

/**
 * The package name an import path is known by when it has no alias: its last segment without a
 * major-version suffix (`github.com/go-ldap/ldap/v3` → `ldap`, `gopkg.in/yaml.v3` → `yaml`,
 * `github.com/mattn/go-sqlite3` → `sqlite3`).
 */
export function goPackageName(importPath: string): string {
  const segments = importPath.split('/');
  let last = segments.pop() ?? importPath;
  if (/^v\d+$/.test(last) && segments.length) last = segments.pop()!;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[-.]go$/, '').replace(/[^A-Za-z0-9_]/g, '_');
}

const TYPE_NODES = new Set(['slice_type', 'map_type', 'array_type', 'pointer_type', 'channel_type', 'struct_type', 'interface_type', 'function_type', 'qualified_type', 'type_identifier', 'generic_type', 'implicit_length_array_type', 'parenthesized_type', 'negated_type']);
const NUMERIC_TYPES = /^(?:u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|complex(?:64|128)|byte|rune|bool|time\.Duration)$/;

class GoLowerer {
  private readonly imports = new Map<string, string>();
  private readonly functions: FunctionIR[] = [];
  /** Boolean locals bound to a condition (`valid := re.MatchString(x)`), inlined where an `if` tests them. */
  private conditions = new Map<string, Expr>();
  private fnName = '';
  private closures = 0;

  constructor(private readonly tree: SyntaxTree) {}

  module(): ModuleIR {
    const topLevel: Stmt[] = [];
    for (const node of this.tree.root.children) {
      if (!node.named) continue;
      switch (node.type) {
        case 'import_declaration':
          this.importDeclaration(node);
          break;
        case 'function_declaration':
        case 'method_declaration':
          this.functionDeclaration(node);
          break;
        case 'var_declaration':
        case 'const_declaration':
          this.declaration(node, topLevel);
          break;
        default:
          break;
      }
    }
    recordFacts(this.tree, { constantFunctions: constantFunctions(this.functions, /^(?:errors\.New|fmt\.Errorf)$/), packages: new Set(this.imports.keys()) });
    return { imports: this.imports, functions: this.functions, topLevel };
  }

  private text(node: SyntaxNode): string {
    return this.tree.textOf(node);
  }

  private importDeclaration(node: SyntaxNode): void {
    const specs: SyntaxNode[] = [];
    for (const child of named(node)) {
      if (child.type === 'import_spec') specs.push(child);
      else if (child.type === 'import_spec_list') specs.push(...named(child).filter((c) => c.type === 'import_spec'));
    }
    for (const spec of specs) {
      const pathNode = field(spec, 'path');
      if (!pathNode) continue;
      const importPath = this.stringValue(pathNode);
      const alias = field(spec, 'name');
      const name = alias && alias.type === 'package_identifier' ? this.text(alias) : alias ? undefined : goPackageName(importPath);
      if (name) this.imports.set(name, importPath);
    }
  }

  // ------------------------------------------------------------------ functions

  private functionDeclaration(node: SyntaxNode): void {
    const name = field(node, 'name');
    const receiver = field(node, 'receiver');
    const params = [...(receiver ? this.params(receiver) : []), ...this.params(field(node, 'parameters'))];
    const receiverType = receiver ? (named(receiver)[0] ? field(named(receiver)[0]!, 'type') : undefined) : undefined;
    const owner = receiverType ? this.text(receiverType).replace(/^\*/, '').replace(/\[.*$/, '') : undefined;
    this.lowerFunction(node, name ? this.text(name) : '<func>', params, owner);
  }

  private lowerFunction(node: SyntaxNode, name: string, params: ParamIR[], owner?: string): FunctionIR {
    const fn: FunctionIR = { name, params, body: [], decorators: [], ...(owner ? { owner } : {}), node };
    this.functions.push(fn);
    const saved = { fnName: this.fnName, conditions: this.conditions, closures: this.closures };
    this.fnName = name;
    this.conditions = new Map();
    this.closures = 0;
    fn.body = this.blockOf(field(node, 'body'));
    this.fnName = saved.fnName;
    this.conditions = saved.conditions;
    this.closures = saved.closures;
    return fn;
  }

  private params(list: SyntaxNode | undefined): ParamIR[] {
    if (!list) return [];
    const out: ParamIR[] = [];
    for (const p of named(list)) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      const type = field(p, 'type');
      for (const n of fields(p, 'name')) out.push({ name: this.text(n), ...(type ? { type: (p.type === 'variadic_parameter_declaration' ? '...' : '') + this.text(type) } : {}) });
    }
    return out;
  }

  // ------------------------------------------------------------------ statements

  private blockOf(node: SyntaxNode | undefined): Stmt[] {
    const out: Stmt[] = [];
    if (node) this.statements(node.children, out);
    return out;
  }

  private statements(nodes: SyntaxNode[], out: Stmt[]): void {
    for (const node of nodes) if (node.named) this.statement(node, out);
  }

  private statement(node: SyntaxNode, out: Stmt[]): void {
    switch (node.type) {
      case 'block':
      case 'statement_list':
        this.statements(node.children, out);
        return;
      case 'expression_statement': {
        const inner = named(node)[0];
        if (inner) out.push({ k: 'expr', expr: this.expr(inner), node });
        return;
      }
      case 'short_var_declaration':
      case 'assignment_statement':
        this.assignment(node, out);
        return;
      case 'var_declaration':
      case 'const_declaration':
        this.declaration(node, out);
        return;
      case 'if_statement':
        out.push(...this.ifStatement(node));
        return;
      case 'for_statement':
        this.forStatement(node, out);
        return;
      case 'expression_switch_statement':
        this.switchStatement(node, out);
        return;
      case 'type_switch_statement':
        this.typeSwitch(node, out);
        return;
      case 'select_statement': {
        const alternatives: Stmt[][] = [];
        for (const c of named(node)) {
          if (c.type !== 'communication_case' && c.type !== 'default_case') continue;
          const body: Stmt[] = [];
          const communication = field(c, 'communication');
          if (communication) this.statement(communication, body);
          this.statements(c.children.filter((x) => x !== communication && x.field !== 'communication'), body);
          alternatives.push(body);
        }
        out.push({ k: 'branches', alternatives, node });
        return;
      }
      case 'receive_statement': {
        const right = field(node, 'right');
        const left = field(node, 'left');
        const value = right ? unknown(right, [this.expr(right)]) : unknown(node);
        if (left) this.assignTargets(named(left), [value], node, out);
        else out.push({ k: 'expr', expr: value, node });
        return;
      }
      case 'return_statement': {
        const list = named(node)[0];
        const values = list ? (list.type === 'expression_list' ? named(list) : [list]) : [];
        const value = values.length === 1 ? this.expr(values[0]!) : values.length ? { k: 'seq' as const, items: values.map((v) => this.expr(v)), node: list! } : undefined;
        out.push({ k: 'return', ...(value ? { value } : {}), node });
        return;
      }
      case 'go_statement':
      case 'defer_statement': {
        const call = named(node)[0];
        if (call) out.push({ k: 'expr', expr: this.expr(call), node });
        return;
      }
      case 'labeled_statement': {
        for (const c of named(node)) if (c.type !== 'label_name') this.statement(c, out);
        return;
      }
      case 'continue_statement':
        // The rest of the loop body does not run on this path.
        out.push({ k: 'exit', node });
        return;
      case 'send_statement': {
        const value = field(node, 'value');
        if (value) out.push({ k: 'expr', expr: this.expr(value), node });
        return;
      }
      case 'function_declaration':
      case 'method_declaration':
        this.functionDeclaration(node);
        return;
      case 'break_statement':
      case 'goto_statement':
      case 'fallthrough_statement':
      case 'inc_statement':
      case 'dec_statement':
      case 'empty_statement':
      case 'comment':
      case 'type_declaration':
      case 'import_declaration':
      case 'package_clause':
        return;
      default:
        out.push({ k: 'expr', expr: this.expr(node), node });
    }
  }

  private assignment(node: SyntaxNode, out: Stmt[]): void {
    const leftNode = field(node, 'left');
    const rightNode = field(node, 'right');
    const lefts = leftNode ? (leftNode.type === 'expression_list' ? named(leftNode) : [leftNode]) : [];
    const rights = rightNode ? (rightNode.type === 'expression_list' ? named(rightNode) : [rightNode]) : [];
    const operator = field(node, 'operator');
    const op = operator ? this.text(operator) : ':=';
    if (op !== '=' && op !== ':=') {
      const [left] = lefts;
      const [right] = rights;
      if (left && right) out.push({ k: 'assign', target: this.target(left), value: this.expr(right), op: op.slice(0, -1), node });
      return;
    }
    const values = rights.map((r) => this.expr(r));
    this.assignTargets(lefts, values, node, out);
    for (const left of lefts) if (left.type === 'identifier') this.conditions.delete(this.text(left));
    if (lefts.length === 1 && rights.length === 1 && lefts[0]!.type === 'identifier') this.conditions.set(this.text(lefts[0]!), values[0]!);
    // `v, ok := m[k]`: `ok` says `k` is one of `m`'s keys.
    const lookup = values[0];
    if (lefts.length === 2 && values.length === 1 && lookup?.k === 'index' && lefts[1]!.type === 'identifier') {
      this.conditions.set(this.text(lefts[1]!), { k: 'binary', op: 'in', left: lookup.index, right: lookup.object, node: lookup.node });
    }
  }

  /** `a, b := x, y` pairwise; `a, b := f()` as a tuple; `_` only evaluates. */
  private assignTargets(lefts: SyntaxNode[], values: Expr[], node: SyntaxNode, out: Stmt[], declaredType?: string): void {
    if (lefts.length === values.length) {
      lefts.forEach((left, i) => {
        const value = values[i]!;
        if (left.type === 'blank_identifier' || this.text(left) === '_') out.push({ k: 'expr', expr: value, node });
        else out.push({ k: 'assign', target: this.target(left), value, ...(declaredType ? { declaredType } : {}), node });
      });
      return;
    }
    if (values.length === 1) {
      out.push({ k: 'assign', target: { k: 'tuple', items: lefts.map((l) => ({ target: this.target(l) })), node }, value: values[0]!, node });
      return;
    }
    for (const value of values) out.push({ k: 'expr', expr: value, node });
  }

  private declaration(node: SyntaxNode, out: Stmt[]): void {
    const specs: SyntaxNode[] = [];
    for (const c of named(node)) {
      if (c.type === 'var_spec' || c.type === 'const_spec') specs.push(c);
      else if (c.type === 'var_spec_list' || c.type === 'const_spec_list') specs.push(...named(c).filter((s) => s.type === 'var_spec' || s.type === 'const_spec'));
    }
    for (const spec of specs) {
      const names = fields(spec, 'name');
      const type = field(spec, 'type');
      const valueList = field(spec, 'value');
      const values = valueList ? (valueList.type === 'expression_list' ? named(valueList) : [valueList]).map((v) => this.expr(v)) : [];
      if (!valueList) {
        // A variable without a value holds its type's zero value: a constant.
        for (const n of names) out.push({ k: 'assign', target: this.target(n), value: this.zeroValue(type, spec), ...(type ? { declaredType: this.text(type) } : {}), node: spec });
        continue;
      }
      this.assignTargets(names, values, spec, out, type ? this.text(type) : undefined);
      for (const n of names) this.conditions.delete(this.text(n));
    }
  }

  private zeroValue(type: SyntaxNode | undefined, node: SyntaxNode): Expr {
    if (!type) return { k: 'lit', value: null, node };
    const text = this.text(type);
    if (text === 'string') return { k: 'lit', value: '', node };
    if (text === 'bool') return { k: 'lit', value: false, node };
    if (NUMERIC_TYPES.test(text)) return { k: 'lit', value: 0, node };
    if (type.type === 'type_identifier' || type.type === 'qualified_type' || type.type === 'generic_type' || type.type === 'struct_type') {
      return { k: 'map', entries: [], typeName: type.type === 'struct_type' ? 'struct' : text, node };
    }
    return { k: 'lit', value: null, node };
  }

  private ifStatement(node: SyntaxNode): Stmt[] {
    if (chainLength(node, (n) => (field(n, 'alternative')?.type === 'if_statement' ? field(n, 'alternative') : undefined)) > LONG_BRANCH_CHAIN) return this.flatIfChain(node);
    const out: Stmt[] = [];
    const initializer = field(node, 'initializer');
    if (initializer) this.statement(initializer, out);
    const condition = field(node, 'condition');
    const alternative = field(node, 'alternative');
    const otherwise = !alternative ? [] : alternative.type === 'if_statement' ? this.ifStatement(alternative) : this.blockOf(alternative);
    out.push({ k: 'if', test: condition ? this.condition(condition) : unknown(node), then: this.blockOf(field(node, 'consequence')), otherwise, node });
    return out;
  }

  /**
   * A very long `if … else if …` chain (generated code) as one set of alternatives after all its
   * conditions: nested ifs that deep would exhaust the stack, and guards matter little there.
   */
  private flatIfChain(node: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    const alternatives: Stmt[][] = [];
    let current: SyntaxNode | undefined = node;
    let otherwise: Stmt[] = [];
    while (current) {
      const initializer = field(current, 'initializer');
      if (initializer) this.statement(initializer, out);
      const condition = field(current, 'condition');
      if (condition) out.push({ k: 'expr', expr: this.expr(condition), node: condition });
      alternatives.push(this.blockOf(field(current, 'consequence')));
      const alternative = field(current, 'alternative');
      current = alternative?.type === 'if_statement' ? alternative : undefined;
      if (alternative && !current) otherwise = this.blockOf(alternative);
    }
    out.push({ k: 'branches', alternatives: [...alternatives, otherwise], node });
    return out;
  }

  /** A condition, with boolean locals bound to a test (`valid := …; if !valid`) replaced by the test. */
  private condition(node: SyntaxNode): Expr {
    return this.inline(this.expr(node));
  }

  private inline(test: Expr): Expr {
    if (test.k === 'name') return this.conditions.get(test.name) ?? test;
    // `allowed[x]` as a condition (a `map[string]bool`): `x` is one of the map's keys.
    if (test.k === 'index') return { k: 'binary', op: 'in', left: test.index, right: test.object, node: test.node };
    if (test.k === 'unary' && test.op === '!') return { ...test, operand: this.inline(test.operand) };
    if (test.k === 'binary' && (test.op === '&&' || test.op === '||')) return { ...test, left: this.inline(test.left), right: this.inline(test.right) };
    return test;
  }

  private forStatement(node: SyntaxNode, out: Stmt[]): void {
    const body = this.blockOf(field(node, 'body'));
    const clause = named(node).find((c) => c.type === 'for_clause' || c.type === 'range_clause');
    if (clause?.type === 'range_clause') {
      const left = field(clause, 'left');
      const right = field(clause, 'right');
      const lefts = left ? named(left) : [];
      const iterable = right ? this.expr(right) : unknown(clause);
      const target: Target = lefts.length === 1 ? this.target(lefts[0]!) : { k: 'tuple', items: lefts.map((l) => ({ target: this.target(l) })), node: left ?? clause };
      out.push({ k: 'loop', ...(lefts.length ? { each: { target, iterable } } : {}), body, node });
      if (!lefts.length) out.push({ k: 'expr', expr: iterable, node });
      return;
    }
    if (clause?.type === 'for_clause') {
      const initializer = field(clause, 'initializer');
      if (initializer) this.statement(initializer, out);
      const condition = field(clause, 'condition');
      const update = field(clause, 'update');
      const updates: Stmt[] = [];
      if (update) this.statement(update, updates);
      out.push({ k: 'loop', ...(condition ? { test: this.condition(condition) } : {}), body: [...body, ...updates], node });
      return;
    }
    const condition = named(node).find((c) => c.field !== 'body' && c.type !== 'comment');
    out.push({ k: 'loop', ...(condition ? { test: this.condition(condition) } : {}), body, node });
  }

  /** `switch v { case "a", "b": … default: … }` as an `if` chain on `v == "a" || v == "b"`. */
  private switchStatement(node: SyntaxNode, out: Stmt[]): void {
    const initializer = field(node, 'initializer');
    if (initializer) this.statement(initializer, out);
    const valueNode = field(node, 'value');
    // The subject is compared as written (`switch u.Hostname()` validates `u` in a matching case).
    const subject = valueNode ? this.expr(valueNode) : undefined;
    const cases = named(node).filter((c) => c.type === 'expression_case' || c.type === 'default_case');
    const defaultCase = cases.find((c) => c.type === 'default_case');
    if (cases.length > LONG_BRANCH_CHAIN) {
      if (subject) out.push({ k: 'expr', expr: subject, node: valueNode! });
      out.push({ k: 'branches', alternatives: [...cases.map((c) => this.caseBody(c)), ...(defaultCase ? [] : [[]])], node });
      return;
    }
    let chain: Stmt[] = defaultCase ? this.caseBody(defaultCase) : [];
    for (const c of [...cases].reverse()) {
      if (c.type === 'default_case') continue;
      const valuesNode = field(c, 'value');
      const values = valuesNode ? (valuesNode.type === 'expression_list' ? named(valuesNode) : [valuesNode]) : [];
      const tests = values.map((v): Expr => (subject ? { k: 'binary', op: '==', left: subject, right: this.expr(v), node: v } : this.condition(v)));
      const test = tests.length ? tests.reduce((a, b) => ({ k: 'binary', op: '||', left: a, right: b, node: c })) : unknown(c);
      chain = [{ k: 'if', test, then: this.caseBody(c), otherwise: chain, node: c }];
    }
    out.push(...chain);
  }

  private caseBody(node: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    this.statements(node.children.filter((c) => c.field !== 'value' && c.field !== 'type'), out);
    return out;
  }

  private typeSwitch(node: SyntaxNode, out: Stmt[]): void {
    const initializer = field(node, 'initializer');
    if (initializer) this.statement(initializer, out);
    const value = field(node, 'value');
    const alias = field(node, 'alias');
    const aliasNames = alias ? (alias.type === 'expression_list' ? named(alias) : [alias]) : [];
    if (value) {
      const subject = this.expr(value);
      if (aliasNames[0]) out.push({ k: 'assign', target: this.target(aliasNames[0]), value: subject, node: value });
      else out.push({ k: 'expr', expr: subject, node: value });
    }
    const cases = named(node).filter((c) => c.type === 'type_case' || c.type === 'default_case');
    const alternatives = cases.map((c) => this.caseBody(c));
    if (!cases.some((c) => c.type === 'default_case')) alternatives.push([]);
    out.push({ k: 'branches', alternatives, node });
  }

  // ------------------------------------------------------------------ targets and expressions

  private target(node: SyntaxNode): Target {
    switch (node.type) {
      case 'identifier':
        return this.text(node) === '_' ? { k: 'ignore', node } : { k: 'name', name: this.text(node), node };
      case 'blank_identifier':
        return { k: 'ignore', node };
      case 'selector_expression': {
        const operand = field(node, 'operand');
        const name = field(node, 'field');
        return operand && name ? { k: 'attr', object: this.expr(operand), name: this.text(name), node } : { k: 'ignore', node };
      }
      case 'index_expression': {
        const operand = field(node, 'operand');
        const index = field(node, 'index');
        return operand ? { k: 'index', object: this.expr(operand), index: index ? this.expr(index) : unknown(node), node } : { k: 'ignore', node };
      }
      case 'parenthesized_expression':
        return named(node)[0] ? this.target(named(node)[0]!) : { k: 'ignore', node };
      case 'unary_expression': {
        // `*p = v`: the pointer's target.
        const operand = field(node, 'operand');
        return operand ? this.target(operand) : { k: 'ignore', node };
      }
      default:
        return { k: 'ignore', node };
    }
  }

  expr(node: SyntaxNode): Expr {
    switch (node.type) {
      case 'identifier':
        return { k: 'name', name: this.text(node), node };
      case 'nil':
        return { k: 'lit', value: null, node };
      case 'true':
        return { k: 'lit', value: true, node };
      case 'false':
        return { k: 'lit', value: false, node };
      case 'int_literal':
      case 'float_literal': {
        const value = Number(this.text(node).replace(/_/g, ''));
        return { k: 'lit', value: Number.isFinite(value) ? value : 0, node };
      }
      case 'rune_literal':
        return { k: 'lit', value: this.text(node).slice(1, -1), node };
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return { k: 'lit', value: this.stringValue(node), node };
      case 'selector_expression': {
        const operand = field(node, 'operand');
        const name = field(node, 'field');
        return operand && name ? { k: 'attr', object: this.expr(operand), name: this.text(name), node } : unknown(node);
      }
      case 'index_expression': {
        const operand = field(node, 'operand');
        const index = field(node, 'index');
        if (!operand) return unknown(node);
        // `f[T](x)`: an instantiated generic function, not an index.
        return { k: 'index', object: this.expr(operand), index: index ? this.expr(index) : unknown(node), node };
      }
      case 'slice_expression': {
        const operand = field(node, 'operand');
        return operand ? unknown(node, [this.expr(operand)]) : unknown(node);
      }
      case 'call_expression':
        return this.call(node);
      case 'type_conversion_expression': {
        const operand = field(node, 'operand');
        const type = field(node, 'type');
        if (!operand) return unknown(node);
        if (type && NUMERIC_TYPES.test(this.text(type))) return { k: 'call', callee: { k: 'name', name: this.text(type), node: type }, args: [{ value: this.expr(operand) }], node };
        return this.expr(operand);
      }
      case 'type_assertion_expression':
      case 'parenthesized_expression': {
        const operand = field(node, 'operand') ?? named(node)[0];
        return operand ? this.expr(operand) : unknown(node);
      }
      case 'type_instantiation_expression': {
        const inner = named(node)[0];
        return inner ? this.expr(inner) : unknown(node);
      }
      case 'unary_expression': {
        const operand = field(node, 'operand');
        const operator = field(node, 'operator');
        const op = operator ? this.text(operator) : '';
        if (!operand) return unknown(node);
        if (op === '&' || op === '*') return this.expr(operand);
        if (op === '<-') return unknown(node, [this.expr(operand)]);
        return { k: 'unary', op, operand: this.expr(operand), node };
      }
      case 'binary_expression':
        return binaryChain(node, this.tree, (operand) => this.expr(operand));
      case 'composite_literal':
        return this.compositeLiteral(node);
      case 'literal_value':
        return this.literalBody(node, undefined);
      case 'func_literal': {
        const fn = this.lowerFunction(node, `${this.fnName || 'init'}.func${++this.closures}`, this.params(field(node, 'parameters')));
        return { k: 'func', fn, node };
      }
      case 'iota':
        return unknown(node);
      default:
        if (TYPE_NODES.has(node.type)) return { k: 'lit', value: null, node };
        return unknown(node, named(node).map((c) => this.expr(c)));
    }
  }

  private call(node: SyntaxNode): Expr {
    const chain = chainLinks(node, 'selector_expression');
    if (chain.argumentLists.length > LONG_CHAIN) {
      return unknown(node, [this.expr(chain.base), ...chain.argumentLists.flatMap((list) => named(list).map((a) => this.expr(a)))]);
    }
    const fnNode = field(node, 'function');
    const argsNode = field(node, 'arguments');
    let callee: Expr = fnNode ? this.expr(fnNode) : unknown(node);
    // `F[T](x)`, `(*T)(x)`: the function or type itself.
    if (fnNode?.type === 'index_expression' && callee.k === 'index') callee = callee.object;
    const args: Arg[] = [];
    for (const a of argsNode ? named(argsNode) : []) {
      if (a.type === 'comment') continue;
      if (a.type === 'variadic_argument') {
        const inner = named(a)[0];
        if (inner) args.push({ value: this.expr(inner), spread: true });
        continue;
      }
      const ref = a.type === 'unary_expression' && field(a, 'operator') !== undefined && this.text(field(a, 'operator')!) === '&' && field(a, 'operand')?.type !== 'composite_literal';
      args.push({ value: this.expr(a), ...(ref ? { ref: true } : {}) });
    }
    return { k: 'call', callee, args, node };
  }

  private compositeLiteral(node: SyntaxNode): Expr {
    const type = field(node, 'type');
    const body = field(node, 'body');
    if (!body) return unknown(node);
    return this.literalBody(body, type);
  }

  /** The elements of `{…}`: a map, a slice/array, or a struct of the given type. */
  private literalBody(body: SyntaxNode, type: SyntaxNode | undefined): Expr {
    const elements = named(body).filter((c) => c.type === 'keyed_element' || c.type === 'literal_element' || c.type === 'literal_value');
    const kind = type?.type;
    const isList = kind === 'slice_type' || kind === 'array_type' || kind === 'implicit_length_array_type';
    const isMap = kind === 'map_type';
    const keyed = elements.some((e) => e.type === 'keyed_element');
    if (isList || (!type && !keyed)) {
      return { k: 'seq', items: elements.map((e) => (e.type === 'keyed_element' ? this.element(field(e, 'value') ?? e) : this.element(e))), node: body };
    }
    const entries: { key?: Expr; value: Expr }[] = [];
    elements.forEach((e, i) => {
      if (e.type !== 'keyed_element') {
        entries.push({ key: { k: 'lit', value: String(i), node: e }, value: this.element(e) });
        return;
      }
      const keyNode = field(e, 'key') ?? named(e)[0];
      const valueNode = field(e, 'value') ?? named(e)[1];
      if (!keyNode || !valueNode) return;
      const keyInner = keyNode.type === 'literal_element' ? named(keyNode)[0] : keyNode;
      // Struct fields are names (`Secure: true`); map keys are expressions.
      const key: Expr = !isMap && keyInner?.type === 'identifier' ? { k: 'lit', value: this.text(keyInner), node: keyInner } : keyInner ? this.expr(keyInner) : unknown(keyNode);
      entries.push({ key, value: this.element(valueNode) });
    });
    return { k: 'map', entries, ...(type && !isMap ? { typeName: this.text(type).replace(/^\*/, '') } : {}), node: body };
  }

  private element(node: SyntaxNode): Expr {
    if (node.type === 'literal_element') {
      const inner = named(node)[0];
      return inner ? (inner.type === 'literal_value' ? this.literalBody(inner, undefined) : this.expr(inner)) : unknown(node);
    }
    if (node.type === 'literal_value') return this.literalBody(node, undefined);
    return this.expr(node);
  }

  /** The value of a string literal, escapes decoded. */
  private stringValue(node: SyntaxNode): string {
    if (node.type === 'raw_string_literal') {
      const text = this.text(node);
      return text.slice(1, -1);
    }
    let out = '';
    for (const c of node.children) {
      if (c.type === 'interpreted_string_literal_content') out += this.text(c);
      else if (c.type === 'escape_sequence') out += decodeEscape(this.text(c));
    }
    return out;
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
    case 'u':
    case 'U': {
      const code = Number.parseInt(escape.slice(2), 16);
      return Number.isFinite(code) ? String.fromCodePoint(code) : '';
    }
    default:
      return escape.slice(1);
  }
}
