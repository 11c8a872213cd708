/**
 * Function definitions from the syntax tree, for Python, JavaScript, TypeScript (TSX too), Go,
 * Rust and Java: their names, parameters, extent and whether other files can call them. The
 * review rules measure them; the test generator writes a test for each one that is exported.
 */
import type { SourceFile } from '../source-file';
import { childOfType, field, fields, hasToken, named, walk, type SyntaxNode, type SyntaxTree } from './tree';

export interface FunctionParam {
  name: string;
  /** Declared type as written, where the language writes one (Go, Rust, Java; TS annotations are not kept). */
  type?: string;
  /** `...rest`, `*args`/`**kwargs`, Go `...T`, Java `T...`: left out of generated calls. */
  rest: boolean;
  /** Python parameters after `*` or `*args`: passed by keyword. */
  keywordOnly: boolean;
  /** Has a default value (or is `x?` in TS): generated calls may leave it out. */
  optional: boolean;
}

/** How JS/TS importers reach a function. */
export type JsExportKind = 'named' | 'default' | 'commonjs-named' | 'commonjs-default';

export interface FunctionOwner {
  /** Go receiver type, Rust impl type or Java class, without pointer or generics. */
  type: string;
  /** Go pointer receiver. */
  pointer: boolean;
  /** Java: the class's type parameters (`class Box<T>` gives `['T']`). */
  typeParams?: string[];
}

export interface FunctionInfo {
  name: string;
  /** 1-based line where the definition starts (an `export`, `const` or modifier, not a decorator or annotation). */
  line: number;
  /** 1-based last line of the function (its body's last line). */
  endLine: number;
  async: boolean;
  params: FunctionParam[];
  /** As written: Go results (`(int, error)`), Rust `-> T`, Python `-> T`, Java's return type (none for `void`). */
  returnType?: string;
  /** Go: the type of each result in order (`(a, b int, err error)` gives `int`, `int`, `error`). */
  resultTypes?: string[];
  /** Callable from other files: JS/TS export, public top-level Python def, capitalised Go func, Rust `pub fn`, public method of a public Java class. */
  exported: boolean;
  exportKind?: JsExportKind;
  /** The name importers use (JS `export { a as b }`); defaults to `name`. */
  exportName?: string;
  owner?: FunctionOwner;
  /** Names of Go/Rust/Java type parameters (`[T any]`, `<T: Clone>`, `<U>`), lifetimes left out. */
  typeParams?: string[];
  /** Rust: how the method takes `self`. */
  selfParam?: 'value' | 'ref' | 'mut';
  /** Java: a `static` method, called on the class rather than an instance. */
  static?: boolean;
  /** Java: the exception types of the `throws` clause. */
  throws?: string[];
  /** Inside a Rust `#[cfg(test)]` module or a `#[test]` function. */
  inTestCode: boolean;
  /** The function's node in `SourceFile.tree` (`function_declaration`, `arrow_function`, `method_declaration`…). */
  node: SyntaxNode;
  /** The body's node: a block, or the expression of a concise arrow function. */
  body: SyntaxNode;
  /** Offsets into the file's text (UTF-16 units) of the body node: its first character and the one after its last. */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Every function with a body that the file defines, in source order (an outer function before
 * the ones nested in it). Anonymous functions that are only passed as arguments (callbacks) are
 * not listed: their code counts as part of the function around them. Files no grammar reads
 * have none.
 * @throws Error when the file's grammar was not loaded (`loadGrammars`).
 */
export function findFunctions(file: SourceFile): FunctionInfo[] {
  const tree = file.tree;
  if (!tree) return [];
  switch (tree.grammar) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return jsFunctions(tree, file.path);
    case 'python':
      return pythonFunctions(tree);
    case 'go':
      return goFunctions(tree);
    case 'rust':
      return rustFunctions(tree);
    case 'java':
      return javaFunctions(tree);
  }
}

function info(tree: SyntaxTree, name: string, start: SyntaxNode, node: SyntaxNode, body: SyntaxNode): FunctionInfo {
  return {
    name,
    line: tree.line(start),
    endLine: tree.endLine(node),
    async: false,
    params: [],
    exported: false,
    inTestCode: false,
    node,
    body,
    bodyStart: body.start,
    bodyEnd: body.end,
  };
}

function param(name: string, extra: Partial<FunctionParam> = {}): FunctionParam {
  return { name, rest: false, keywordOnly: false, optional: false, ...extra };
}

/** Destructured parameters get generic names; repeated ones get a number. */
function uniqueNames(params: FunctionParam[]): FunctionParam[] {
  const seen = new Map<string, number>();
  return params.map((p) => {
    const count = (seen.get(p.name) ?? 0) + 1;
    seen.set(p.name, count);
    return count === 1 ? p : { ...p, name: `${p.name}${count}` };
  });
}

const COMMENTS = new Set(['comment', 'line_comment', 'block_comment']);

// ---------------------------------------------------------------- JavaScript / TypeScript

const JS_FUNCTIONS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'generator_function',
  'arrow_function',
  'method_definition',
]);

/** The name a default-exported anonymous function gets: the module's, as importers would call it. */
function fileStem(path: string): string {
  const baseName = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const camel = baseName.replace(/[-_.]+([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return /^[A-Za-z_$]/.test(camel) ? camel : `module${camel}`;
}

/** `module.exports` → 'default', `exports.x` / `module.exports.x` → 'x', anything else undefined. */
function commonJsTarget(tree: SyntaxTree, left: SyntaxNode): string | undefined {
  if (left.type !== 'member_expression') return undefined;
  const object = field(left, 'object');
  const property = field(left, 'property');
  if (!object || !property) return undefined;
  const objectText = tree.textOf(object);
  const propertyText = tree.textOf(property);
  if (objectText === 'module' && propertyText === 'exports') return 'default';
  if (objectText === 'exports' || objectText.replace(/\s+/g, '') === 'module.exports') return propertyText;
  return undefined;
}

function propertyName(tree: SyntaxTree, node: SyntaxNode): string {
  const text = tree.textOf(node);
  return node.type === 'string' ? text.slice(1, -1) : text;
}

function jsFunctions(tree: SyntaxTree, path: string): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  const byNode = new Map<SyntaxNode, FunctionInfo>();
  /** Functions defined at module scope by name: the ones export statements elsewhere can name. */
  const moduleScope = new Map<string, FunctionInfo>();

  walk(tree.root, (node) => {
    if (!JS_FUNCTIONS.has(node.type)) return;
    const body = field(node, 'body');
    if (!body) return;
    const definition = jsDefinition(tree, node, path);
    if (!definition) return;
    const fn: FunctionInfo = {
      ...info(tree, definition.name, definition.start, node, body),
      async: hasToken(node, 'async'),
      params: jsParams(tree, node),
      exported: definition.exportKind !== undefined,
      ...(definition.exportKind ? { exportKind: definition.exportKind } : {}),
    };
    found.push(fn);
    byNode.set(node, fn);
    const statement = definition.start.type === 'variable_declarator' ? definition.start.parent : definition.start;
    if (statement?.parent?.type === 'program' && !moduleScope.has(fn.name)) moduleScope.set(fn.name, fn);
  });

  const mark = (local: string, exportName: string, kind: JsExportKind): void => {
    const fn = moduleScope.get(local);
    if (!fn || fn.exported) return;
    fn.exported = true;
    fn.exportKind = kind;
    if (exportName !== local) fn.exportName = exportName;
  };
  for (const statement of tree.root.children) {
    if (statement.type === 'export_statement') {
      const clause = childOfType(statement, 'export_clause');
      if (clause && !field(statement, 'source')) {
        for (const specifier of named(clause)) {
          const local = field(specifier, 'name');
          if (!local) continue;
          const alias = field(specifier, 'alias');
          const exportName = alias ? tree.textOf(alias) : tree.textOf(local);
          if (exportName === 'default') mark(tree.textOf(local), tree.textOf(local), 'default');
          else mark(tree.textOf(local), exportName, 'named');
        }
      }
      const value = field(statement, 'value');
      if (value?.type === 'identifier') mark(tree.textOf(value), tree.textOf(value), 'default');
      continue;
    }
    const assignment = statement.type === 'expression_statement' ? childOfType(statement, 'assignment_expression') : undefined;
    const left = assignment && field(assignment, 'left');
    const right = assignment && field(assignment, 'right');
    const target = left && commonJsTarget(tree, left);
    if (!target || !right) continue;
    if (right.type === 'identifier') {
      if (target === 'default') mark(tree.textOf(right), tree.textOf(right), 'commonjs-default');
      else mark(tree.textOf(right), target, 'commonjs-named');
    } else if (right.type === 'object' && target === 'default') {
      for (const entry of named(right)) {
        if (entry.type === 'shorthand_property_identifier') {
          mark(tree.textOf(entry), tree.textOf(entry), 'commonjs-named');
          continue;
        }
        const value = entry.type === 'pair' ? field(entry, 'value') : entry;
        if (value?.type === 'identifier') {
          const key = field(entry, 'key');
          mark(tree.textOf(value), key ? propertyName(tree, key) : tree.textOf(value), 'commonjs-named');
          continue;
        }
        const fn = value && byNode.get(value);
        if (fn && !fn.exported) {
          fn.exported = true;
          fn.exportKind = 'commonjs-named';
        }
      }
    }
  }
  return found;
}

interface JsDefinition {
  name: string;
  /** Where the definition starts: the `export`, `const` or assignment statement around the function. */
  start: SyntaxNode;
  exportKind?: JsExportKind;
}

/** The name a JS function is defined under, from where it stands; undefined for callbacks and other anonymous functions. */
function jsDefinition(tree: SyntaxTree, node: SyntaxNode, path: string): JsDefinition | undefined {
  const ownName = field(node, 'name');
  const parent = node.parent;
  if (!parent) return undefined;
  if (node.type === 'method_definition') {
    // `module.exports = { run() {…} }` is marked exported once the export statements are read.
    return ownName ? { name: propertyName(tree, ownName), start: node } : undefined;
  }
  if (node.type === 'function_declaration' || node.type === 'generator_function_declaration') {
    const name = ownName ? tree.textOf(ownName) : fileStem(path);
    if (parent.type !== 'export_statement') return { name, start: node };
    return { name, start: parent, exportKind: hasToken(parent, 'default') ? 'default' : 'named' };
  }
  switch (parent.type) {
    case 'variable_declarator': {
      const target = field(parent, 'name');
      if (node.field !== 'value' || target?.type !== 'identifier') return undefined;
      const declaration = parent.parent;
      const single = declaration && named(declaration).filter((n) => n.type === 'variable_declarator').length === 1;
      const exported = declaration?.parent?.type === 'export_statement';
      const start = exported ? declaration.parent! : single ? declaration : parent;
      return { name: tree.textOf(target), start, ...(exported ? { exportKind: 'named' as const } : {}) };
    }
    case 'assignment_expression': {
      const left = field(parent, 'left');
      if (node.field !== 'right' || !left) return undefined;
      const start = parent.parent?.type === 'expression_statement' ? parent.parent : parent;
      const target = commonJsTarget(tree, left);
      if (target === 'default') return { name: ownName ? tree.textOf(ownName) : fileStem(path), start, exportKind: 'commonjs-default' };
      if (target) return { name: target, start, exportKind: 'commonjs-named' };
      if (left.type === 'identifier') return { name: tree.textOf(left), start };
      const property = left.type === 'member_expression' ? field(left, 'property') : undefined;
      return property ? { name: tree.textOf(property), start } : undefined;
    }
    case 'export_statement':
      return { name: ownName ? tree.textOf(ownName) : fileStem(path), start: parent, exportKind: 'default' };
    case 'pair': {
      const key = field(parent, 'key');
      return node.field === 'value' && key ? { name: propertyName(tree, key), start: parent } : undefined;
    }
    case 'field_definition':
    case 'public_field_definition': {
      const key = field(parent, 'property') ?? field(parent, 'name');
      return node.field === 'value' && key ? { name: propertyName(tree, key), start: parent } : undefined;
    }
    default:
      return undefined;
  }
}

function jsParams(tree: SyntaxTree, node: SyntaxNode): FunctionParam[] {
  const single = field(node, 'parameter');
  if (single) return [param(tree.textOf(single))];
  const list = field(node, 'parameters');
  if (!list) return [];
  const params: FunctionParam[] = [];
  for (const p of named(list)) {
    if (COMMENTS.has(p.type)) continue;
    let pattern = p;
    let optional = p.type === 'optional_parameter';
    if (p.type === 'required_parameter' || p.type === 'optional_parameter') {
      pattern = field(p, 'pattern') ?? p;
      if (field(p, 'value')) optional = true;
    } else if (p.type === 'assignment_pattern') {
      pattern = field(p, 'left') ?? p;
      optional = true;
    }
    const rest = pattern.type === 'rest_pattern';
    if (rest) pattern = named(pattern)[0] ?? pattern;
    if (pattern.type === 'this') continue;
    const name =
      pattern.type === 'object_pattern' ? 'options' : pattern.type === 'array_pattern' ? 'items' : pattern.type === 'identifier' ? tree.textOf(pattern) : `arg${params.length + 1}`;
    params.push(param(name, { rest, optional }));
  }
  return uniqueNames(params);
}

// ---------------------------------------------------------------- Python

function pythonFunctions(tree: SyntaxTree): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  walk(tree.root, (node) => {
    if (node.type !== 'function_definition') return;
    const nameNode = field(node, 'name');
    const body = field(node, 'body');
    if (!nameNode || !body) return;
    const name = tree.textOf(nameNode);
    const container = node.parent?.type === 'decorated_definition' ? node.parent.parent : node.parent;
    const isMethod = container?.type === 'block' && container.parent?.type === 'class_definition';
    const returnType = field(node, 'return_type');
    found.push({
      ...info(tree, name, node, node, body),
      async: hasToken(node, 'async'),
      params: pythonParams(tree, field(node, 'parameters'), isMethod),
      ...(returnType ? { returnType: tree.textOf(returnType) } : {}),
      exported: container?.type === 'module' && !name.startsWith('_'),
    });
  });
  return found;
}

function pythonParams(tree: SyntaxTree, list: SyntaxNode | undefined, isMethod: boolean): FunctionParam[] {
  if (!list) return [];
  const params: FunctionParam[] = [];
  let keywordOnly = false;
  named(list).forEach((p, index) => {
    if (COMMENTS.has(p.type) || p.type === 'positional_separator') return;
    if (p.type === 'keyword_separator') {
      keywordOnly = true;
      return;
    }
    // `x: int` names its parameter first; `*args: int` wraps a splat.
    const inner = p.type === 'typed_parameter' ? (named(p)[0] ?? p) : p;
    const nameNode = inner.type === 'identifier' ? inner : (field(inner, 'name') ?? (inner.type.endsWith('splat_pattern') ? named(inner)[0] : undefined));
    const name = nameNode ? tree.textOf(nameNode) : `arg${index + 1}`;
    if (isMethod && params.length === 0 && index === 0 && (name === 'self' || name === 'cls')) return;
    const rest = inner.type === 'list_splat_pattern' || inner.type === 'dictionary_splat_pattern';
    if (inner.type === 'list_splat_pattern') keywordOnly = true;
    const optional = p.type === 'default_parameter' || p.type === 'typed_default_parameter';
    params.push(param(name, { rest, keywordOnly: keywordOnly && !rest, optional }));
  });
  return params;
}

// ---------------------------------------------------------------- Go

function goFunctions(tree: SyntaxTree): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  for (const node of tree.root.children) {
    if (node.type !== 'function_declaration' && node.type !== 'method_declaration') continue;
    const nameNode = field(node, 'name');
    const body = field(node, 'body');
    if (!nameNode || !body) continue;
    const name = tree.textOf(nameNode);
    const receiver = field(node, 'receiver');
    const result = field(node, 'result');
    const typeParams = field(node, 'type_parameters');
    const typeNames = typeParams ? named(typeParams).flatMap((d) => fields(d, 'name').map((n) => tree.textOf(n))) : [];
    const owner = receiver ? goReceiver(tree, receiver) : undefined;
    found.push({
      ...info(tree, name, node, node, body),
      params: goParams(tree, field(node, 'parameters')),
      ...(result
        ? { returnType: tree.textOf(result), resultTypes: result.type === 'parameter_list' ? goParams(tree, result).map((p) => p.type ?? 'any') : [tree.textOf(result)] }
        : {}),
      ...(owner ? { owner } : {}),
      ...(typeNames.length ? { typeParams: typeNames } : {}),
      exported: /^[A-Z]/.test(name),
    });
  }
  return found;
}

function goReceiver(tree: SyntaxTree, receiver: SyntaxNode): FunctionOwner | undefined {
  const declaration = named(receiver).find((n) => n.type === 'parameter_declaration');
  let type = declaration && field(declaration, 'type');
  if (!type) return undefined;
  const pointer = type.type === 'pointer_type';
  if (pointer) type = named(type)[0];
  if (type?.type === 'generic_type') type = field(type, 'type');
  return type ? { type: tree.textOf(type), pointer } : undefined;
}

/** Go parameter lists: `a, b int` gives both names the type; unnamed parameters are `arg1`, `arg2`… */
function goParams(tree: SyntaxTree, list: SyntaxNode | undefined): FunctionParam[] {
  if (!list) return [];
  const params: FunctionParam[] = [];
  for (const p of named(list)) {
    if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
    const typeNode = field(p, 'type');
    const rest = p.type === 'variadic_parameter_declaration';
    const type = typeNode ? `${rest ? '...' : ''}${tree.textOf(typeNode)}` : 'any';
    const names = fields(p, 'name');
    if (!names.length) params.push(param(`arg${params.length + 1}`, { type, rest }));
    for (const n of names) params.push(param(tree.textOf(n), { type, rest }));
  }
  return params;
}

// ---------------------------------------------------------------- Rust

const RUST_CFG_TEST = /^cfg\s*\(\s*test\s*\)$/;
const RUST_TEST_ATTRIBUTE = /^(?:\w+\s*::\s*)*test\b/;
/** Nodes whose children may be attributed items. */
const RUST_ITEM_CONTAINERS = new Set(['source_file', 'declaration_list', 'mod_item', 'impl_item', 'trait_item', 'function_item', 'block']);

/**
 * The items of a Rust file that are test code: `#[cfg(test)]` modules and `#[test]` (or
 * `#[tokio::test]`…) functions. Everything inside one of them is test code too.
 */
export function rustTestItems(tree: SyntaxTree): Set<SyntaxNode> {
  const items = new Set<SyntaxNode>();
  walk(tree.root, (node) => {
    let attributes: string[] = [];
    for (const child of node.children) {
      if (child.type === 'attribute_item') {
        const attribute = named(child)[0];
        if (attribute) attributes.push(tree.textOf(attribute));
        continue;
      }
      if (COMMENTS.has(child.type)) continue;
      if (
        (child.type === 'mod_item' && attributes.some((a) => RUST_CFG_TEST.test(a))) ||
        (child.type === 'function_item' && attributes.some((a) => RUST_TEST_ATTRIBUTE.test(a)))
      ) {
        items.add(child);
      }
      attributes = [];
    }
    // Attributes only stand before items: no need to look inside expressions.
    return RUST_ITEM_CONTAINERS.has(node.type);
  });
  return items;
}

/** True when `node` is one of `items` or lies inside one. */
export function insideAny(node: SyntaxNode, items: ReadonlySet<SyntaxNode>): boolean {
  for (let n: SyntaxNode | undefined = node; n; n = n.parent) if (items.has(n)) return true;
  return false;
}

/** The type a Rust type node names, without references, paths or generics (`&'a mut Vec<T>` → `Vec`). */
function rustTypeName(tree: SyntaxTree, node: SyntaxNode): string {
  switch (node.type) {
    case 'generic_type':
    case 'reference_type': {
      const inner = field(node, 'type');
      return inner ? rustTypeName(tree, inner) : tree.textOf(node);
    }
    case 'scoped_type_identifier': {
      const name = field(node, 'name');
      return name ? tree.textOf(name) : tree.textOf(node);
    }
    default:
      return tree.textOf(node);
  }
}

function rustFunctions(tree: SyntaxTree): FunctionInfo[] {
  const testItems = rustTestItems(tree);
  const found: FunctionInfo[] = [];
  walk(tree.root, (node) => {
    if (node.type !== 'function_item') return;
    const nameNode = field(node, 'name');
    const body = field(node, 'body');
    if (!nameNode || !body) return;
    const impl = node.parent?.type === 'declaration_list' && node.parent.parent?.type === 'impl_item' ? node.parent.parent : undefined;
    const implType = impl && field(impl, 'type');
    const modifiers = childOfType(node, 'function_modifiers');
    const returnType = field(node, 'return_type');
    const typeParams = field(node, 'type_parameters');
    const typeNames = typeParams
      ? named(typeParams).flatMap((p) => {
          if (p.type === 'lifetime_parameter' || p.type === 'lifetime') return [];
          const n = p.type === 'type_identifier' ? p : (field(p, 'name') ?? field(p, 'left'));
          return n ? [tree.textOf(n)] : [];
        })
      : [];
    const { params, selfParam } = rustParams(tree, field(node, 'parameters'));
    const inTestCode = insideAny(node, testItems);
    found.push({
      ...info(tree, tree.textOf(nameNode), node, node, body),
      async: modifiers !== undefined && hasToken(modifiers, 'async'),
      params,
      ...(returnType ? { returnType: tree.textOf(returnType) } : {}),
      ...(implType ? { owner: { type: rustTypeName(tree, implType), pointer: false } } : {}),
      ...(selfParam ? { selfParam } : {}),
      ...(typeNames.length ? { typeParams: typeNames } : {}),
      exported: childOfType(node, 'visibility_modifier') !== undefined && !inTestCode,
      inTestCode,
    });
  });
  return found;
}

function rustParams(tree: SyntaxTree, list: SyntaxNode | undefined): { params: FunctionParam[]; selfParam?: FunctionInfo['selfParam'] } {
  const params: FunctionParam[] = [];
  let selfParam: FunctionInfo['selfParam'];
  if (!list) return { params };
  named(list).forEach((p, index) => {
    if (p.type === 'self_parameter') {
      selfParam = hasToken(p, '&') ? (childOfType(p, 'mutable_specifier') ? 'mut' : 'ref') : 'value';
      return;
    }
    if (p.type !== 'parameter') return;
    const pattern = field(p, 'pattern');
    const type = field(p, 'type');
    const identifier = pattern?.type === 'identifier' ? pattern : undefined;
    const name = identifier && tree.textOf(identifier) !== '_' ? tree.textOf(identifier) : `arg${index + 1}`;
    params.push(param(name, type ? { type: tree.textOf(type) } : {}));
  });
  return selfParam ? { params, selfParam } : { params };
}

// ---------------------------------------------------------------- Java

const JAVA_ANNOTATIONS = new Set(['marker_annotation', 'annotation']);

/** The first token of a Java declaration after its annotations (`public`, a type, the name). */
function javaStart(node: SyntaxNode): SyntaxNode {
  for (const child of node.children) {
    if (COMMENTS.has(child.type) || JAVA_ANNOTATIONS.has(child.type)) continue;
    if (child.type !== 'modifiers') return child;
    const first = child.children.find((c) => !JAVA_ANNOTATIONS.has(c.type) && !COMMENTS.has(c.type));
    if (first) return first;
  }
  return node;
}

function javaModifier(node: SyntaxNode, keyword: string): boolean {
  const modifiers = childOfType(node, 'modifiers');
  return modifiers !== undefined && hasToken(modifiers, keyword);
}

function javaTypeParams(tree: SyntaxTree, node: SyntaxNode): string[] {
  const list = field(node, 'type_parameters');
  if (!list) return [];
  return named(list).flatMap((p) => {
    const name = childOfType(p, 'type_identifier', 'identifier');
    return name ? [tree.textOf(name)] : [];
  });
}

const JAVA_TYPES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration']);

function javaFunctions(tree: SyntaxTree): FunctionInfo[] {
  const found: FunctionInfo[] = [];
  walk(tree.root, (node) => {
    if (node.type !== 'method_declaration' && node.type !== 'constructor_declaration') return;
    const nameNode = field(node, 'name');
    const body = field(node, 'body');
    if (!nameNode || !body) return;
    let owner = node.parent;
    if (owner?.type === 'enum_body_declarations') owner = owner.parent;
    owner = owner?.parent;
    const ownerName = owner && JAVA_TYPES.has(owner.type) ? field(owner, 'name') : undefined;
    const isStatic = javaModifier(node, 'static');
    // A test can call it: public, in a public top-level class it can make (or static).
    const exported =
      node.type === 'method_declaration' &&
      javaModifier(node, 'public') &&
      owner?.type === 'class_declaration' &&
      owner.parent?.type === 'program' &&
      javaModifier(owner, 'public') &&
      (isStatic || !javaModifier(owner, 'abstract'));
    const returnType = field(node, 'type');
    const throwsClause = childOfType(node, 'throws');
    const typeParams = javaTypeParams(tree, node);
    const ownerTypeParams = owner && ownerName ? javaTypeParams(tree, owner) : [];
    found.push({
      ...info(tree, tree.textOf(nameNode), javaStart(node), node, body),
      params: javaParams(tree, field(node, 'parameters')),
      ...(returnType && returnType.type !== 'void_type' ? { returnType: tree.textOf(returnType) } : {}),
      exported,
      ...(ownerName ? { owner: { type: tree.textOf(ownerName), pointer: false, ...(ownerTypeParams.length ? { typeParams: ownerTypeParams } : {}) } } : {}),
      ...(typeParams.length ? { typeParams } : {}),
      ...(isStatic ? { static: true } : {}),
      ...(throwsClause ? { throws: named(throwsClause).map((t) => tree.textOf(t)) } : {}),
    });
  });
  return found;
}

function javaParams(tree: SyntaxTree, list: SyntaxNode | undefined): FunctionParam[] {
  if (!list) return [];
  const params: FunctionParam[] = [];
  for (const p of named(list)) {
    if (p.type === 'formal_parameter') {
      const name = field(p, 'name');
      const type = field(p, 'type');
      // `int values[]`: the brackets stand after the name.
      const dimensions = childOfType(p, 'dimensions');
      params.push(param(name ? tree.textOf(name) : `arg${params.length + 1}`, type ? { type: `${tree.textOf(type)}${dimensions ? tree.textOf(dimensions) : ''}` } : {}));
    } else if (p.type === 'spread_parameter') {
      const declarator = childOfType(p, 'variable_declarator');
      const name = declarator && field(declarator, 'name');
      const type = named(p).find((n) => n.type !== 'modifiers' && n.type !== 'variable_declarator' && !JAVA_ANNOTATIONS.has(n.type));
      params.push(param(name ? tree.textOf(name) : `arg${params.length + 1}`, { rest: true, ...(type ? { type: `${tree.textOf(type)}...` } : {}) }));
    }
  }
  return params;
}
