/**
 * Test skeletons for the functions a file exports, in each language's usual framework:
 * jest (JS/TS, `foo.test.ts` beside `foo.ts`), pytest (`tests/test_foo.py`), Go's `testing`
 * (`foo_test.go` beside `foo.go`), Rust's `#[cfg(test)]` module appended to the file and
 * JUnit 5 (`src/test/java/…/FooTest.java` for `src/main/java/…/Foo.java`). One test per
 * function: placeholders named after the parameters, the call, and an assertion on an
 * expected value for the developer to fill in. Functions come from the syntax tree
 * (`SourceFile.functions`), and so does what existing test files already mention.
 */
import type { GeneratedFile } from './protocol';
import type { SourceFile } from './source-file';
import type { FunctionInfo, FunctionParam } from './syntax/functions';
import { childOfType, field, hasToken, walk, type SyntaxNode, type SyntaxTree } from './syntax/tree';

export interface GeneratedTests {
  file: GeneratedFile;
  /** Names of the functions that got a test. */
  functions: string[];
}

/**
 * Skeletons for one source file, or undefined when it exports nothing untested.
 * `existing` holds the task's files by path: a test file already there is extended
 * (action "modify") with tests for the functions it does not mention yet. `taken` holds
 * paths already produced in this run, so two sources never write the same test file.
 * @throws Error when the grammar of the source or of an existing test file was not loaded (`loadGrammars`).
 */
export function generateTests(
  source: SourceFile,
  existing: ReadonlyMap<string, SourceFile>,
  taken: ReadonlySet<string> = new Set(),
): GeneratedTests | undefined {
  if (source.isTestFile || /\.d\.[cm]?ts$/.test(source.path)) return undefined;
  const targets = uniqueTargets(source.functions.filter((f) => f.exported && !f.inTestCode));
  if (!targets.length) return undefined;
  switch (source.language) {
    case 'javascript':
    case 'typescript':
      return jestTests(source, targets, existing);
    case 'python':
      return pytestTests(source, targets, existing, taken);
    case 'go':
      return goTests(source, targets, existing);
    case 'rust':
      return rustTests(source, targets);
    case 'java':
      return junitTests(source, targets, existing);
    case 'config':
    case 'other':
      return undefined;
  }
}

function uniqueTargets(functions: FunctionInfo[]): FunctionInfo[] {
  const seen = new Set<string>();
  return functions.filter((f) => {
    const key = `${f.owner?.type ?? ''}.${f.exportName ?? f.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The names code uses under `nodes`: identifiers of every kind, so a name inside a string (an
 * import path, say) or a comment does not count.
 */
function namesIn(tree: SyntaxTree, nodes: SyntaxNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    walk(node, (n) => {
      if (n.named && n.children.length === 0 && n.type.endsWith('identifier')) names.add(tree.textOf(n));
    });
  }
  return names;
}

/** The names an existing test file's code uses, or undefined when there is no such file. */
function namesInFile(file: SourceFile | undefined): Set<string> | undefined {
  const tree = file?.tree;
  return tree && namesIn(tree, [tree.root]);
}

/** Functions existing test code does not mention yet (`mentioned` undefined: there is no test code). */
function untested(
  targets: FunctionInfo[],
  mentioned: ReadonlySet<string> | undefined,
  nameOf: (f: FunctionInfo) => string,
): FunctionInfo[] {
  if (mentioned === undefined) return targets;
  return targets.filter((f) => !mentioned.has(nameOf(f)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function splitPath(path: string): { dir: string; stem: string; ext: string } {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  return { dir, stem: dot > 0 ? name.slice(0, dot) : name, ext: dot > 0 ? name.slice(dot) : '' };
}

/** A local variable name for a parameter that does not clash with names the test already uses. */
function localName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n === 2 ? 'Value' : n}`;
  taken.add(candidate);
  return candidate;
}

function firstFree(candidates: string[], taken: Set<string>): string {
  const free = candidates.find((c) => !taken.has(c)) ?? localName(candidates[0] ?? 'value', taken);
  taken.add(free);
  return free;
}

function callArgs(params: FunctionParam[], locals: string[], keyword: (p: FunctionParam, local: string) => string): string {
  return params.map((p, i) => (p.keywordOnly ? keyword(p, locals[i] ?? p.name) : (locals[i] ?? p.name))).join(', ');
}

// ---------------------------------------------------------------- jest

/** True when a test file has a default import (`import x from './stem'`) of the module `./stem`. */
function importsDefault(testFile: SourceFile, stem: string): boolean {
  const tree = testFile.tree;
  if (!tree) return false;
  const module = new RegExp(`^\\./${escapeRegExp(stem)}(?:\\.[cm]?[jt]sx?)?$`);
  return tree.root.children.some((statement) => {
    if (statement.type !== 'import_statement') return false;
    const from = field(statement, 'source');
    const clause = childOfType(statement, 'import_clause');
    return from !== undefined && clause !== undefined && childOfType(clause, 'identifier') !== undefined && module.test(tree.textOf(from).slice(1, -1));
  });
}

const JS_IMPORT_EXT: Record<string, string> = { '.mjs': '.mjs', '.cjs': '.cjs', '.mts': '.mjs', '.cts': '.cjs' };

function jestTests(source: SourceFile, targets: FunctionInfo[], existing: ReadonlyMap<string, SourceFile>): GeneratedTests | undefined {
  const { dir, stem, ext } = splitPath(source.path);
  const path = `${dir}${stem}.test${ext}`;
  const testFile = existing.get(path);
  const current = testFile?.content;
  // A default export has no name of its own in a test: any default import of the module counts.
  const defaultImported = testFile !== undefined && importsDefault(testFile, stem);
  const pending = untested(
    targets.filter((f) => !(f.exportKind === 'default' && defaultImported)),
    namesInFile(testFile),
    (f) => f.exportName ?? f.name,
  );
  if (!pending.length) return undefined;
  const typescript = source.language === 'typescript';
  const from = `./${stem}${JS_IMPORT_EXT[ext] ?? ''}`;

  const importName = (f: FunctionInfo): string => f.exportName ?? f.name;
  const named = pending.filter((f) => f.exportKind === 'named').map(importName);
  const cjsNamed = pending.filter((f) => f.exportKind === 'commonjs-named').map(importName);
  const defaults = pending.filter((f) => f.exportKind === 'default' || f.exportKind === 'commonjs-default');
  const imports: string[] = [];
  const esmDefault = defaults.find((d) => d.exportKind === 'default')?.name;
  const esmBindings = [...(esmDefault ? [esmDefault] : []), ...(named.length ? [`{ ${named.join(', ')} }`] : [])];
  if (esmBindings.length) imports.push(`import ${esmBindings.join(', ')} from '${from}';`);
  if (cjsNamed.length) imports.push(`const { ${cjsNamed.join(', ')} } = require('${from}');`);
  for (const f of defaults.filter((d) => d.exportKind === 'commonjs-default')) imports.push(`const ${f.name} = require('${from}');`);

  const tests = pending.map((f) => {
    const callee = f.exportKind === 'default' || f.exportKind === 'commonjs-default' ? f.name : importName(f);
    const params = f.params.filter((p) => !p.rest);
    const taken = new Set([callee]);
    const resultName = firstFree(['result', 'actual', 'output'], new Set(params.map((p) => p.name)));
    const expectedName = firstFree(['expected', 'want', 'expectedValue'], new Set([...params.map((p) => p.name), resultName]));
    taken.add(resultName).add(expectedName);
    const locals = params.map((p) => localName(p.name, taken));
    const declarations = params.map((p, i) =>
      typescript
        ? `    const ${locals[i]} = undefined as unknown as Parameters<typeof ${callee}>[${f.params.indexOf(p)}];`
        : `    const ${locals[i]} = undefined;`,
    );
    return [
      `  test('${callee}', ${f.async ? 'async ' : ''}() => {`,
      ...(declarations.length ? ['    // Fill in the arguments.', ...declarations, ''] : []),
      `    const ${resultName} = ${f.async ? 'await ' : ''}${callee}(${locals.join(', ')});`,
      '',
      `    // Fill in the value ${callee} should return for these arguments.`,
      `    const ${expectedName} = undefined;`,
      `    expect(${resultName}).toEqual(${expectedName});`,
      '  });',
    ].join('\n');
  });
  const block = `${imports.join('\n')}\n\ndescribe('${stem}', () => {\n${tests.join('\n\n')}\n});\n`;
  return {
    file: current === undefined ? { path, content: block, action: 'create' } : { path, content: `${current.trimEnd()}\n\n${block}`, action: 'modify' },
    functions: pending.map(importName),
  };
}

// ---------------------------------------------------------------- pytest

/**
 * Where a module's tests go and how they import it. In a `src` layout the project root is
 * the folder holding `src/` (`app/src/pkg/mod.py` → `app/tests/`, `pkg.mod`); otherwise the
 * repository root (`pkg/mod.py` → `tests/`, `pkg.mod`). A package's `__init__.py` is the package.
 */
function pythonLayout(path: string): { testsDir: string; module: string } {
  const src = /^(.*?\/)?src\//.exec(path);
  const root = src ? (src[1] ?? '') : '';
  const parts = path.slice(src ? src[0].length : 0).replace(/\.pyw?$/, '').split('/');
  if (parts[parts.length - 1] === '__init__' && parts.length > 1) parts.pop();
  return { testsDir: `${root}tests/`, module: parts.join('.') };
}

function pytestTests(
  source: SourceFile,
  targets: FunctionInfo[],
  existing: ReadonlyMap<string, SourceFile>,
  taken: ReadonlySet<string>,
): GeneratedTests | undefined {
  const { testsDir, module } = pythonLayout(source.path);
  const moduleParts = module.split('.');
  const stem = moduleParts[moduleParts.length - 1] ?? 'module';
  let path = `${testsDir}test_${stem}.py`;
  if (taken.has(path)) path = `${testsDir}test_${moduleParts.join('_')}.py`;
  const current = existing.get(path)?.content;
  const pending = untested(targets, namesInFile(existing.get(path)), (f) => f.name);
  if (!pending.length) return undefined;

  const tests = pending.map((f) => {
    const params = f.params.filter((p) => !p.rest && !p.optional);
    const names = new Set([f.name, ...params.map((p) => p.name)]);
    const result = firstFree(['result', 'actual', 'output'], names);
    const expected = firstFree(['expected', 'want', 'expected_value'], names);
    const args = callArgs(params, params.map((p) => p.name), (p) => `${p.name}=${p.name}`);
    return [
      ...(f.async ? ['@pytest.mark.asyncio'] : []),
      `${f.async ? 'async ' : ''}def test_${f.name}():`,
      ...(params.length ? ['    # Fill in the arguments.', ...params.map((p) => `    ${p.name} = None`), ''] : []),
      `    ${result} = ${f.async ? 'await ' : ''}${f.name}(${args})`,
      '',
      `    # Fill in the value ${f.name} should return for these arguments.`,
      `    ${expected} = None`,
      `    assert ${result} == ${expected}`,
    ].join('\n');
  });
  const needsPytest = pending.some((f) => f.async) && !/^import pytest$/m.test(current ?? '');
  const header = [...(needsPytest ? ['import pytest', ''] : []), `from ${module} import ${pending.map((f) => f.name).join(', ')}`];
  const block = `${header.join('\n')}\n\n\n${tests.join('\n\n\n')}\n`;
  return {
    file: current === undefined ? { path, content: block, action: 'create' } : { path, content: `${current.trimEnd()}\n\n\n${block}`, action: 'modify' },
    functions: pending.map((f) => f.name),
  };
}

/** Files whose pytest settings may already put `src/` on the import path (`pythonpath`). */
const PYTEST_CONFIGS = ['pyproject.toml', 'pytest.ini', 'setup.cfg', 'tox.ini'];

/**
 * The `tests/conftest.py` a src layout needs for its generated tests to import their modules
 * without installing the package first (pytest's "good integration practices": the src layout
 * is not on `sys.path` by itself): one per project root whose generated pytest files sit in
 * `tests/` beside `src/`, unless that root already has a conftest or sets `pythonpath`.
 */
export function pytestSupportFiles(generated: readonly GeneratedFile[], existing: ReadonlyMap<string, SourceFile>): GeneratedFile[] {
  const roots = new Set<string>();
  for (const file of generated) {
    const match = /^(.*?)tests\/test_[^/]+\.py$/.exec(file.path);
    if (!match) continue;
    const root = match[1] ?? '';
    const srcLayout = [...existing.keys()].some((p) => p.startsWith(`${root}src/`) && p.endsWith('.py'));
    if (!srcLayout || existing.has(`${root}tests/conftest.py`)) continue;
    const configured = PYTEST_CONFIGS.some((name) => /^\s*pythonpath\s*=/m.test(existing.get(`${root}${name}`)?.content ?? ''));
    if (!configured) roots.add(root);
  }
  return [...roots].map((root) => ({
    path: `${root}tests/conftest.py`,
    action: 'create' as const,
    content: [
      '# Lets pytest import the modules under src/ without installing the package first (the src',
      '# layout keeps them off sys.path): https://docs.pytest.org/en/stable/explanation/goodpractices.html',
      'import sys',
      'from pathlib import Path',
      '',
      'sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))',
      '',
    ].join('\n'),
  }));
}

// ---------------------------------------------------------------- Go testing

/** `import "x"` and `import ( alias "x/y" … )` of a Go file: package name → import line. */
function goImports(tree: SyntaxTree): Map<string, string> {
  const imports = new Map<string, string>();
  for (const declaration of tree.root.children) {
    if (declaration.type !== 'import_declaration') continue;
    walk(declaration, (spec) => {
      if (spec.type !== 'import_spec') return;
      const pathNode = field(spec, 'path');
      const alias = field(spec, 'name');
      if (!pathNode) return;
      const importPath = tree.textOf(pathNode).slice(1, -1);
      const aliasText = alias && tree.textOf(alias);
      // A `.` or `_` import brings no package name into scope.
      if (aliasText === '.' || aliasText === '_') return;
      imports.set(aliasText ?? importPath.split('/').pop() ?? importPath, aliasText ? `${aliasText} "${importPath}"` : `"${importPath}"`);
    });
  }
  return imports;
}

function goTests(source: SourceFile, targets: FunctionInfo[], existing: ReadonlyMap<string, SourceFile>): GeneratedTests | undefined {
  const { dir, stem } = splitPath(source.path);
  const path = `${dir}${stem}_test.go`;
  const current = existing.get(path)?.content;
  const testName = (f: FunctionInfo): string => `Test${f.owner ? `${f.owner.type}_` : ''}${f.name}`;
  const pending = untested(targets, namesInFile(existing.get(path)), testName);
  if (!pending.length) return undefined;
  const tree = source.tree!;
  const packageClause = childOfType(tree.root, 'package_clause');
  const packageName = packageClause && childOfType(packageClause, 'package_identifier');
  const pkg = packageName ? tree.textOf(packageName) : 'main';
  const sourceImports = goImports(tree);
  const needed = new Set<string>(['"testing"']);
  /** Imports the packages a type names (`io.Reader` → the source's import of io). */
  const importFor = (type: string): void => {
    for (const q of type.matchAll(/\b([a-z_]\w*)\./g)) {
      const line = sourceImports.get(q[1] ?? '');
      if (line) needed.add(line);
    }
  };

  const tests = pending.map((f) => {
    // Type parameters become `any`, which satisfies `any` and `comparable` constraints.
    const generic = f.typeParams && new RegExp(`\\b(?:${f.typeParams.map(escapeRegExp).join('|')})\\b`, 'g');
    const concrete = (type: string): string => (generic ? type.replace(generic, 'any') : type);
    const taken = new Set(['t', 'tt']);
    const lines: string[] = [];
    let receiver = '';
    if (f.owner) {
      receiver = localName(f.owner.type.charAt(0).toLowerCase() || 'x', taken);
      lines.push(f.owner.pointer ? `\t${receiver} := new(${f.owner.type})` : `\tvar ${receiver} ${f.owner.type}`);
    }
    const params = f.params.filter((p) => !p.rest);
    const results = (f.resultTypes ?? []).map(concrete);
    const resultNames = results.map((type, i) => (type === 'error' && i === results.length - 1 ? 'err' : i === 0 ? 'got' : `got${i + 1}`));
    resultNames.forEach((n) => taken.add(n));
    results.forEach((_, i) => taken.add(i === 0 ? 'want' : `want${i + 1}`));
    const locals = params.map((p) => localName(p.name, taken));
    if (params.length) lines.push('\t// Fill in the arguments.');
    params.forEach((p, i) => {
      const type = concrete(p.type ?? 'any');
      if (type === 'context.Context') {
        needed.add('"context"');
        lines.push(`\t${locals[i]} := context.Background()`);
      } else {
        lines.push(`\tvar ${locals[i]} ${type}`);
        importFor(type);
      }
    });
    if (params.length) lines.push('');
    const call = `${receiver ? `${receiver}.` : ''}${f.name}(${locals.join(', ')})`;
    lines.push(results.length ? `\t${resultNames.join(', ')} := ${call}` : `\t${call}`);
    if (resultNames.includes('err')) lines.push('\tif err != nil {', `\t\tt.Fatalf("${f.name}() error = %v", err)`, '\t}');
    const compared = results.flatMap((type, i) => (resultNames[i] === 'err' ? [] : [{ type, got: resultNames[i] ?? 'got', want: i === 0 ? 'want' : `want${i + 1}` }]));
    if (compared.length) {
      needed.add('"reflect"');
      lines.push('', `\t// Fill in the value${compared.length > 1 ? 's' : ''} ${f.name} should return for these arguments.`);
      for (const c of compared) {
        lines.push(`\tvar ${c.want} ${c.type}`);
        importFor(c.type);
      }
      for (const c of compared) {
        lines.push(`\tif !reflect.DeepEqual(${c.got}, ${c.want}) {`, `\t\tt.Errorf("${f.name}() = %v, want %v", ${c.got}, ${c.want})`, '\t}');
      }
    } else if (!resultNames.includes('err')) {
      lines.push('', `\t// Fill in checks of what ${f.name} should have done.`);
    }
    return `func ${testName(f)}(t *testing.T) {\n${lines.join('\n')}\n}`;
  });

  if (current === undefined) {
    const importBlock = needed.size === 1 ? `import ${[...needed][0]}` : `import (\n${[...needed].sort().map((i) => `\t${i}`).join('\n')}\n)`;
    return { file: { path, content: `package ${pkg}\n\n${importBlock}\n\n${tests.join('\n\n')}\n`, action: 'create' }, functions: pending.map(testName) };
  }
  const missing = [...needed].filter((i) => !current.includes(i.replace(/^\w+\s+/, '')));
  const withImports = missing.length
    ? current.replace(/^package\s+\w+[^\n]*\n/m, (clause) => `${clause}\n${missing.map((i) => `import ${i}`).join('\n')}\n`)
    : current;
  return { file: { path, content: `${withImports.trimEnd()}\n\n${tests.join('\n\n')}\n`, action: 'modify' }, functions: pending.map(testName) };
}

// ---------------------------------------------------------------- Rust #[cfg(test)]

const RUST_INTEGERS = /^(?:[iu](?:8|16|32|64|128|size))$/;

/** A value of the type that compiles without knowing more: literals, empty collections, `Default`. */
function rustPlaceholder(type: string): string {
  const t = type.trim();
  if (RUST_INTEGERS.test(t)) return '0';
  if (t === 'f32' || t === 'f64') return '0.0';
  if (t === 'bool') return 'false';
  if (t === 'char') return "'a'";
  if (t === '&str') return '""';
  if (t === 'String') return 'String::new()';
  if (/^&\s*\[/.test(t)) return '&[]';
  if (/^Vec\s*</.test(t)) return 'Vec::new()';
  if (/^Option\s*</.test(t)) return 'None';
  if (t.startsWith('&mut ')) return '&mut Default::default()';
  if (t.startsWith('&')) return '&Default::default()';
  return 'Default::default()';
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The generated module's name: a second run sees it and leaves the file alone. */
const RUST_TEST_MODULE = 'generated_tests';

function rustTests(source: SourceFile, targets: FunctionInfo[]): GeneratedTests | undefined {
  const tree = source.tree!;
  let generatedBefore = false;
  walk(tree.root, (node) => {
    if (node.type !== 'mod_item') return;
    const name = field(node, 'name');
    if (name && tree.textOf(name) === RUST_TEST_MODULE) generatedBefore = true;
  });
  if (generatedBefore) return undefined;
  const testCode = namesIn(
    tree,
    source.functions.filter((f) => f.inTestCode).map((f) => f.body),
  );
  const pending = untested(targets, testCode, (f) => f.name);
  if (!pending.length) return undefined;
  const names = new Set<string>();

  const tests = pending.map((f) => {
    const owner = f.owner?.type;
    const generic = new Set(f.typeParams ?? []);
    const usesGeneric = (type: string): boolean => /\bimpl\b/.test(type) || [...generic].some((g) => new RegExp(`\\b${g}\\b`).test(type));
    const clean = (type: string): string => type.replace(/'\w+\s*/g, '').replace(/\bSelf\b/g, owner ?? 'Self').trim();
    const testName = localName(`${owner ? `${snakeCase(owner)}_` : ''}${f.name}_works`, names);
    const taken = new Set(['subject', 'result', 'expected']);
    const lines: string[] = [];
    if (f.selfParam && owner) lines.push(`        let ${f.selfParam === 'mut' ? 'mut ' : ''}subject = ${owner}::default();`);
    const locals = f.params.map((p) => localName(p.name, taken));
    if (f.params.length) lines.push('        // Fill in the arguments.');
    f.params.forEach((p, i) => {
      const type = clean(p.type ?? '_');
      lines.push(
        usesGeneric(type)
          ? `        let ${locals[i]} = Default::default(); // generic: pick a concrete type`
          : `        let ${locals[i]}: ${type} = ${rustPlaceholder(type)};`,
      );
    });
    if (f.params.length) lines.push('');
    const callee = f.selfParam ? `subject.${f.name}` : owner ? `${owner}::${f.name}` : f.name;
    const call = `${callee}(${locals.join(', ')})${f.async ? '.await' : ''}`;
    const returnType = f.returnType ? clean(f.returnType) : undefined;
    if (!returnType) {
      lines.push(`        ${call};`, '', `        // Fill in checks of what ${f.name} should have done.`);
    } else {
      const ok = /^Result\s*<(.+)>$/s.exec(returnType);
      const value = ok ? (ok[1] ?? '').split(',')[0]?.trim() ?? '_' : returnType;
      lines.push(ok ? `        let result = ${call}.expect("${f.name} returned an error");` : `        let result = ${call};`);
      lines.push('', `        // Fill in the value ${f.name} should return for these arguments.`);
      lines.push(
        usesGeneric(value) || value === '()'
          ? `        let expected = Default::default();`
          : `        let expected: ${value} = ${rustPlaceholder(value)};`,
      );
      lines.push('        assert_eq!(result, expected);');
    }
    const attribute = f.async ? '    #[tokio::test]' : '    #[test]';
    return `${attribute}\n    ${f.async ? 'async ' : ''}fn ${testName}() {\n${lines.join('\n')}\n    }`;
  });
  const module = `#[cfg(test)]\nmod ${RUST_TEST_MODULE} {\n    use super::*;\n\n${tests.join('\n\n')}\n}\n`;
  return {
    file: { path: source.path, content: `${source.content.trimEnd()}\n\n${module}`, action: 'modify' },
    functions: pending.map((f) => (f.owner ? `${f.owner.type}::${f.name}` : f.name)),
  };
}

// ---------------------------------------------------------------- JUnit 5

/**
 * Where a class's tests go: Maven and Gradle keep `src/main/java/<package>/Foo.java` tested in
 * `src/test/java/<package>/FooTest.java`; other layouts get `FooTest.java` beside the source.
 */
function junitTestPath(path: string, className: string): string {
  const maven = /^(.*?)src\/main\/java\/(.*\/)?[^/]+\.java$/.exec(path);
  if (maven) return `${maven[1] ?? ''}src/test/java/${maven[2] ?? ''}${className}Test.java`;
  return `${splitPath(path).dir}${className}Test.java`;
}

const JAVA_NUMBERS: Record<string, string> = {
  byte: '0',
  short: '0',
  int: '0',
  long: '0L',
  float: '0f',
  double: '0.0',
  Byte: '0',
  Short: '0',
  Integer: '0',
  Long: '0L',
  Float: '0f',
  Double: '0.0',
};
const JAVA_EMPTY_FACTORIES: Record<string, string> = { List: 'of()', Set: 'of()', Map: 'of()', Optional: 'empty()' };
const JAVA_CONCRETE_COLLECTIONS = new Set(['ArrayList', 'LinkedList', 'HashMap', 'HashSet', 'TreeMap', 'TreeSet', 'LinkedHashMap', 'LinkedHashSet', 'ArrayDeque']);

/** A value of the type that compiles without knowing more: literals, empty collections and arrays, else `null`. */
function javaPlaceholder(type: string): string {
  const t = type.replace(/@[\w.]+(?:\([^)]*\))?\s*/g, '').trim();
  const number = JAVA_NUMBERS[t];
  if (number) return number;
  if (t === 'boolean' || t === 'Boolean') return 'false';
  if (t === 'char' || t === 'Character') return "'a'";
  if (t === 'String' || t === 'CharSequence') return '""';
  const raw = t.replace(/<.*>/s, '');
  if (raw.endsWith('[]')) return `new ${raw.replace('[]', '[0]')}`;
  const simple = raw.slice(raw.lastIndexOf('.') + 1);
  const factory = JAVA_EMPTY_FACTORIES[simple];
  if (factory && (raw === simple || raw === `java.util.${simple}`)) return `${raw}.${factory}`;
  if (simple === 'Collection' || simple === 'Iterable') return 'java.util.List.of()';
  if (JAVA_CONCRETE_COLLECTIONS.has(simple)) return `new ${raw}<>()`;
  return 'null';
}

/** The JUnit assertion comparing `result` with `expected` of the type: floating point with a tolerance. */
function javaAssertEquals(type: string): string {
  return /^(?:float|double|Float|Double)$/.test(type) ? 'assertEquals(expected, result, 1e-9);' : 'assertEquals(expected, result);';
}

function junitTests(source: SourceFile, targets: FunctionInfo[], existing: ReadonlyMap<string, SourceFile>): GeneratedTests | undefined {
  const tree = source.tree!;
  const className = targets[0]?.owner?.type ?? splitPath(source.path).stem;
  // The constructor the tests make their subject with: the one with the fewest parameters that is not private.
  const constructors = source.functions.filter((f) => f.node.type === 'constructor_declaration' && f.owner?.type === className);
  const usable = constructors.filter((f) => {
    const modifiers = childOfType(f.node, 'modifiers');
    return !(modifiers && hasToken(modifiers, 'private'));
  });
  const constructor = usable.sort((a, b) => a.params.length - b.params.length)[0];
  const constructible = constructors.length === 0 || constructor !== undefined;
  const path = junitTestPath(source.path, className);
  const testFile = existing.get(path);
  const pending = untested(
    targets.filter((f) => f.static || constructible),
    namesInFile(testFile),
    (f) => f.name,
  );
  if (!pending.length) return undefined;

  const usedTypes: string[] = [];
  const assertions = new Set<string>();
  const methodNames = new Set<string>();
  const tests = pending.map((f) => {
    const typeVariables = [...(f.typeParams ?? []), ...(f.owner?.typeParams ?? [])];
    const generic = typeVariables.length ? new RegExp(`\\b(?:${typeVariables.map(escapeRegExp).join('|')})\\b`, 'g') : undefined;
    // Type variables become Object, which every type argument can be.
    const concrete = (type: string): string => {
      const t = generic ? type.replace(generic, 'Object') : type;
      usedTypes.push(t);
      return t;
    };
    const taken = new Set(['subject', 'result', 'expected']);
    const lines: string[] = [];
    const declare = (p: FunctionParam): string => {
      const local = localName(p.name, taken);
      const type = concrete(p.type ?? 'Object');
      lines.push(`        ${type} ${local} = ${javaPlaceholder(type)};`);
      return local;
    };
    const params = f.params.filter((p) => !p.rest);
    const subjectParams = f.static ? [] : (constructor?.params.filter((p) => !p.rest) ?? []);
    if (params.length || subjectParams.length) lines.push('        // Fill in the arguments.');
    const subjectArgs = subjectParams.map(declare);
    const args = params.map(declare);
    if (params.length || subjectParams.length) lines.push('');
    if (!f.static) {
      const owner = f.owner?.typeParams?.length ? `${className}<${f.owner.typeParams.map(() => 'Object').join(', ')}>` : className;
      lines.push(`        ${owner} subject = new ${className}${f.owner?.typeParams?.length ? '<>' : ''}(${subjectArgs.join(', ')});`);
    }
    const call = `${f.static ? className : 'subject'}.${f.name}(${args.join(', ')})`;
    if (!f.returnType) {
      lines.push(`        ${call};`, '', `        // Fill in checks of what ${f.name} should have done.`);
    } else {
      const type = concrete(f.returnType);
      const expected = javaPlaceholder(type);
      lines.push(`        ${type} result = ${call};`, '');
      if (expected === 'null') {
        assertions.add('assertNotNull');
        lines.push('        assertNotNull(result);', `        // Fill in checks of the value ${f.name} should return for these arguments.`);
      } else {
        assertions.add('assertEquals');
        lines.push(`        // Fill in the value ${f.name} should return for these arguments.`, `        ${type} expected = ${expected};`, `        ${javaAssertEquals(type)}`);
      }
    }
    const throws = (f.throws?.length ?? 0) > 0 || (!f.static && (constructor?.throws?.length ?? 0) > 0);
    const testName = localName(f.name, methodNames);
    return `    @Test\n    void ${testName}()${throws ? ' throws Exception' : ''} {\n${lines.join('\n')}\n    }`;
  });

  // The source's imports the tests' types need (a wildcard import may be needed by any of them), then JUnit's.
  const typeWords = new Set(usedTypes.flatMap((t) => t.match(/[A-Za-z_$][\w$]*/g) ?? []));
  const imports: string[] = [];
  for (const declaration of tree.root.children) {
    if (declaration.type !== 'import_declaration' || declaration.children.some((c) => c.type === 'static')) continue;
    const text = tree.textOf(declaration).replace(/\s+/g, ' ');
    const simple = /([\w$]+|\*)\s*;$/.exec(text)?.[1];
    if (simple === '*' || (simple && typeWords.has(simple))) imports.push(text);
  }
  imports.push('import org.junit.jupiter.api.Test;');
  const staticImports = [...assertions].sort().map((a) => `import static org.junit.jupiter.api.Assertions.${a};`);
  const functions = pending.map((f) => `${className}.${f.name}`);

  if (testFile === undefined) {
    const packageDeclaration = childOfType(tree.root, 'package_declaration');
    const header = [
      ...(packageDeclaration ? [tree.textOf(packageDeclaration), ''] : []),
      ...imports,
      ...(staticImports.length ? ['', ...staticImports] : []),
    ];
    const content = `${header.join('\n')}\n\nclass ${className}Test {\n\n${tests.join('\n\n')}\n}\n`;
    return { file: { path, content, action: 'create' }, functions };
  }
  return { file: { path, content: extendJunitFile(testFile, `${className}Test`, [...imports, ...staticImports], tests), action: 'modify' }, functions };
}

/**
 * An existing JUnit file with the imports it lacks added after its own and the tests at the end
 * of its class (a file without a class, empty say, gets the class `testClassName`).
 */
function extendJunitFile(testFile: SourceFile, testClassName: string, imports: string[], tests: string[]): string {
  const text = testFile.content;
  const tree = testFile.tree!;
  const declarations = tree.root.children.filter((c) => c.type === 'import_declaration');
  const present = new Set(declarations.map((d) => tree.textOf(d).replace(/\s+/g, ' ')));
  const missing = imports.filter((i) => !present.has(i));
  const testClass = tree.root.children.find((c) => c.type === 'class_declaration');
  const body = testClass && field(testClass, 'body');
  const closing = body ? body.end - 1 : text.length;
  const methods = `\n${tests.join('\n\n')}\n`;
  const withTests = body
    ? `${text.slice(0, closing).trimEnd()}\n${methods}${text.slice(closing)}`
    : `${text.trimEnd()}\n\nclass ${testClassName} {\n${methods}}\n`;
  if (!missing.length) return withTests;
  const anchor = declarations[declarations.length - 1] ?? childOfType(tree.root, 'package_declaration');
  const at = anchor ? anchor.end : 0;
  return `${withTests.slice(0, at)}${anchor ? '\n' : ''}${missing.join('\n')}${anchor ? '' : '\n'}${withTests.slice(at)}`;
}
