import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { SourceFile } from './source-file';
import { ALL_GRAMMARS, loadGrammars } from './syntax/tree';
import { generateTests } from './test-generator';
import { testGenAgent } from './test-gen.agent';
import { agentSpecSchema, type AgentResult } from './protocol';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function generate(path: string, content: string, others: [string, string][] = []) {
  const files = [new SourceFile(path, content), ...others.map(([p, c]) => new SourceFile(p, c))];
  return generateTests(files[0] as SourceFile, new Map(files.map((f) => [f.path, f])));
}

function syntaxErrors(fileName: string, content: string): string[] {
  const out = ts.transpileModule(content, { fileName, reportDiagnostics: true, compilerOptions: { allowJs: true } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

async function runTestGen(files: { path: string; content: string }[]): Promise<AgentResult> {
  const spec = agentSpecSchema.parse({ task_id: 'task_1', agent_type: 'test_gen', task: 'Write tests', context: { files } });
  return testGenAgent.analyse({
    spec,
    files: files.map((f) => new SourceFile(f.path, f.content)),
    progress: () => undefined,
    checkpoint: () => undefined,
  });
}

describe('test generation: TypeScript / JavaScript (jest)', () => {
  const source = `import { db } from './db';

export function add(a: number, b: number): number {
  return a + b;
}
export async function fetchUser(id: string, { retries = 3 }: Options = {}): Promise<User> {
  return db.get(id, retries);
}
export const scale = (value: number, result = 2) => value * result;
export default function (config: Config) {
  return config;
}
function internal(x: number) {
  return x;
}
`;

  it('writes one jest test per exported function beside the source', () => {
    const generated = generate('src/math.ts', source);
    expect(generated?.file).toMatchObject({ path: 'src/math.test.ts', action: 'create' });
    expect(generated?.functions).toEqual(['add', 'fetchUser', 'scale', 'math']);
    const content = generated?.file.content ?? '';
    expect(content).toContain("import math, { add, fetchUser, scale } from './math';");
    expect(content).toContain('const a = undefined as unknown as Parameters<typeof add>[0];');
    expect(content).toContain('const result = add(a, b);');
    expect(content).toContain("test('fetchUser', async () => {");
    expect(content).toContain('const result = await fetchUser(id, options);');
    // A parameter named `result` keeps its name; the call's value takes another.
    expect(content).toContain('const actual = scale(value, result);');
    expect(content).toContain('expect(result).toEqual(expected);');
    expect(content).not.toContain('internal');
    expect(content.match(/\btest\(/g)).toHaveLength(4);
    expect(syntaxErrors('math.test.ts', content)).toEqual([]);
  });

  it('requires CommonJS modules', () => {
    const cjs = `function helper(a, b) { return a - b; }
exports.sum = function (xs) { return xs.reduce((a, b) => a + b, 0); };
module.exports.helper = helper;
`;
    const generated = generate('lib/util.js', cjs);
    expect(generated?.file.path).toBe('lib/util.test.js');
    expect(generated?.file.content).toContain("const { helper, sum } = require('./util');");
    expect(generated?.file.content).toContain('const result = sum(xs);');
    expect(syntaxErrors('util.test.js', generated?.file.content ?? '')).toEqual([]);
  });

  it('extends an existing test file with the functions it does not test yet', () => {
    const existing = `import { add } from './math';\n\ntest('add', () => expect(add(1, 2)).toBe(3));\n`;
    const generated = generate('src/math.ts', source, [['src/math.test.ts', existing]]);
    expect(generated?.file.action).toBe('modify');
    expect(generated?.file.content.startsWith(existing.trimEnd())).toBe(true);
    expect(generated?.functions).toEqual(['fetchUser', 'scale', 'math']);
  });

  it('skips test files, declaration files and files that export nothing', () => {
    expect(generate('src/math.test.ts', source)).toBeUndefined();
    expect(generate('src/types.d.ts', 'export declare function f(a: number): void;\n')).toBeUndefined();
    expect(generate('src/internal.ts', 'function f() { return 1; }\n')).toBeUndefined();
  });
});

describe('test generation: Python (pytest)', () => {
  const source = `def total(items, tax=0.2, *, currency):
    return sum(items) * (1 + tax)


async def load(url: str) -> dict:
    return {}


def _hidden():
    pass


class Cart:
    def add(self, item):
        pass
`;

  it('writes tests/test_<module>.py importing the module from a src layout', () => {
    const generated = generate('app/src/shop/cart.py', source);
    expect(generated?.file).toMatchObject({ path: 'app/tests/test_cart.py', action: 'create' });
    const content = generated?.file.content ?? '';
    expect(content).toContain('from shop.cart import total, load');
    expect(content).toContain('def test_total():');
    // Defaulted parameters keep their defaults; keyword-only ones are passed by keyword.
    expect(content).toContain('result = total(items, currency=currency)');
    expect(content).toContain('@pytest.mark.asyncio\nasync def test_load():');
    expect(content).toContain('result = await load(url)');
    expect(content).toContain('assert result == expected');
    expect(content).not.toMatch(/_hidden|def test_add/);
    expect(generated?.functions).toEqual(['total', 'load']);
  });

  it('adds a tests/conftest.py to a src layout so the generated tests import their module, and only there', async () => {
    const util = 'def add(a, b):\n    return a + b\n';
    const result = await runTestGen([{ path: 'src/mathutil.py', content: util }]);
    expect(result.files?.map((f) => f.path)).toEqual(['tests/test_mathutil.py', 'tests/conftest.py']);
    // Python itself runs the conftest and then imports what the test file imports, as pytest would.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'codex-pytest-'));
    try {
      for (const f of [{ path: 'src/mathutil.py', content: util }, ...(result.files ?? [])]) {
        mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        writeFileSync(path.join(dir, f.path), f.content);
      }
      const run = spawnSync('python3', ['-c', "import runpy; runpy.run_path('tests/conftest.py'); runpy.run_path('tests/test_mathutil.py')"], { cwd: dir, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Not without a src layout, nor where the project has a conftest or sets pythonpath already.
    expect((await runTestGen([{ path: 'mathutil.py', content: util }])).files?.map((f) => f.path)).toEqual(['tests/test_mathutil.py']);
    expect((await runTestGen([{ path: 'src/mathutil.py', content: util }, { path: 'tests/conftest.py', content: '' }])).files?.map((f) => f.path)).toEqual(['tests/test_mathutil.py']);
    expect(
      (await runTestGen([{ path: 'src/mathutil.py', content: util }, { path: 'pyproject.toml', content: '[tool.pytest.ini_options]\npythonpath = ["src"]\n' }])).files?.map((f) => f.path),
    ).toEqual(['tests/test_mathutil.py']);
  });

  it('puts tests at the repository root without a src layout', () => {
    expect(generate('shop/cart.py', source)?.file.path).toBe('tests/test_cart.py');
    expect(generate('shop/cart.py', source)?.file.content).toContain('from shop.cart import total, load');
  });
});

describe('test generation: Go (testing)', () => {
  const source = `package shop

import (
	"context"
	"io"
)

func Total(items []Item, tax float64) (float64, error) { return 0, nil }

func (s *Store) Add(ctx context.Context, r io.Reader, t int) error { return nil }

func Map[T any](xs []T, f func(T) T) []T { return xs }

func Reset() {}

func helper() {}
`;

  it('writes <file>_test.go in the same package with typed placeholders', () => {
    const generated = generate('shop/cart.go', source);
    expect(generated?.file).toMatchObject({ path: 'shop/cart_test.go', action: 'create' });
    const content = generated?.file.content ?? '';
    expect(content).toMatch(/^package shop\n\nimport \(\n\t"context"\n\t"io"\n\t"reflect"\n\t"testing"\n\)/);
    expect(content).toContain('func TestTotal(t *testing.T) {\n\t// Fill in the arguments.\n\tvar items []Item\n\tvar tax float64');
    expect(content).toContain('\tgot, err := Total(items, tax)\n\tif err != nil {');
    expect(content).toContain('\tvar want float64\n\tif !reflect.DeepEqual(got, want) {');
    // Methods get a receiver; a parameter named t does not shadow *testing.T.
    expect(content).toContain('func TestStore_Add(t *testing.T) {\n\ts := new(Store)');
    expect(content).toContain('\tctx := context.Background()\n\tvar r io.Reader\n\tvar tValue int');
    expect(content).toContain('\tvar xs []any');
    expect(content).toContain('func TestReset(t *testing.T) {\n\tReset()');
    expect(content).not.toContain('helper');
    expect(generated?.functions).toEqual(['TestTotal', 'TestStore_Add', 'TestMap', 'TestReset']);
  });
});

describe('test generation: Rust (#[cfg(test)])', () => {
  const source = `pub struct Calc;

impl Calc {
    pub fn new() -> Self { Calc }
    pub fn add(&self, a: i32, b: &'a str) -> i32 { a }
    pub fn set(&mut self, v: Vec<u8>) {}
    fn private(&self) {}
}

pub fn parse(input: &str) -> Result<Config, Error> { Ok(Config) }

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_works() {
        assert!(parse("x").is_ok());
    }
}
`;

  it('appends a test module to the source file for the functions not tested yet', () => {
    const generated = generate('src/calc.rs', source);
    expect(generated?.file).toMatchObject({ path: 'src/calc.rs', action: 'modify' });
    const content = generated?.file.content ?? '';
    expect(content.startsWith(source.trimEnd())).toBe(true);
    expect(content).toContain('#[cfg(test)]\nmod generated_tests {\n    use super::*;');
    expect(content).toContain('    #[test]\n    fn calc_add_works() {\n        let subject = Calc::default();');
    expect(content).toContain('        let a: i32 = 0;\n        let b: &str = "";');
    expect(content).toContain('        let result = subject.add(a, b);');
    expect(content).toContain('        let expected: i32 = 0;\n        assert_eq!(result, expected);');
    expect(content).toContain('        let mut subject = Calc::default();');
    expect(content).toContain('        let result = Calc::new();');
    expect(generated?.functions).toEqual(['Calc::new', 'Calc::add', 'Calc::set']);
  });

  it('leaves a file alone once its generated module exists', () => {
    const once = generate('src/calc.rs', source)?.file.content ?? '';
    expect(generate('src/calc.rs', once)).toBeUndefined();
  });
});

describe('test generation: Java (JUnit 5)', () => {
  const source = `package com.acme.shop;

import java.io.IOException;
import java.util.List;
import java.util.Map;

public class Cart<T> {
    private final int size;

    public Cart(int size) { this.size = size; }

    private Cart() { this(0); }

    public static int total(List<Item> items, double tax) throws IOException { return 0; }

    public String name() { return "cart"; }

    public double ratio(long a, float b, char c, boolean d, String... rest) { return 0; }

    public <U> U pick(U value, T other, Map<String, T> index, int[] result) { return value; }

    public Item first() { return null; }

    public void clear() {}

    void hidden() {}
}

class Item {}
`;
  const cartPath = 'shop/src/main/java/com/acme/shop/Cart.java';

  it('writes src/test/java/<package>/<Class>Test.java with one @Test per public method', () => {
    const generated = generate(cartPath, source);
    expect(generated?.file).toMatchObject({ path: 'shop/src/test/java/com/acme/shop/CartTest.java', action: 'create' });
    expect(generated?.functions).toEqual(['Cart.total', 'Cart.name', 'Cart.ratio', 'Cart.pick', 'Cart.first', 'Cart.clear']);
    const content = generated?.file.content ?? '';
    expect(content).toMatch(
      /^package com\.acme\.shop;\n\nimport java\.util\.List;\nimport java\.util\.Map;\nimport org\.junit\.jupiter\.api\.Test;\n\nimport static org\.junit\.jupiter\.api\.Assertions\.assertEquals;\nimport static org\.junit\.jupiter\.api\.Assertions\.assertNotNull;\n\nclass CartTest \{\n/,
    );
    // A static method is called on the class; a checked exception lets the test throw.
    expect(content).toContain(
      [
        '    @Test',
        '    void total() throws Exception {',
        '        // Fill in the arguments.',
        '        List<Item> items = List.of();',
        '        double tax = 0.0;',
        '',
        '        int result = Cart.total(items, tax);',
        '',
        '        // Fill in the value total should return for these arguments.',
        '        int expected = 0;',
        '        assertEquals(expected, result);',
        '    }',
      ].join('\n'),
    );
    // An instance method gets a subject made with the constructor the test can call; type variables become Object.
    expect(content).toContain('        int size = 0;\n\n        Cart<Object> subject = new Cart<>(size);\n        String result = subject.name();');
    expect(content).toContain('        long a = 0L;\n        float b = 0f;\n        char c = \'a\';\n        boolean d = false;');
    expect(content).toContain('        double result = subject.ratio(a, b, c, d);');
    expect(content).toContain('        assertEquals(expected, result, 1e-9);');
    // A parameter named result keeps its name; the call's value takes another.
    expect(content).toContain('        Object value = null;\n        Object other = null;\n        Map<String, Object> index = Map.of();\n        int[] resultValue = new int[0];');
    expect(content).toContain('        Item result = subject.first();\n\n        assertNotNull(result);');
    expect(content).toContain('        subject.clear();\n\n        // Fill in checks of what clear should have done.');
    expect(content).not.toContain('hidden');
  });

  it('compiles against the JUnit API', () => {
    const generated = generate(cartPath, source);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'codex-junit-'));
    try {
      const write = (file: string, content: string): void => {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), content);
      };
      write('src/com/acme/shop/Cart.java', source);
      write('src/com/acme/shop/CartTest.java', generated?.file.content ?? '');
      // No JUnit jar on this machine: the signatures of the JUnit 5 API the skeletons use stand in
      // for it (assertEquals' overloads included, so javac resolves the calls as it would with JUnit).
      write('src/org/junit/jupiter/api/Test.java', 'package org.junit.jupiter.api;\npublic @interface Test {}\n');
      write(
        'src/org/junit/jupiter/api/Assertions.java',
        [
          'package org.junit.jupiter.api;',
          'public final class Assertions {',
          ...['byte', 'short', 'int', 'long', 'char', 'float', 'double', 'Object'].map((t) => `  public static void assertEquals(${t} expected, ${t} actual) {}`),
          '  public static void assertEquals(float expected, float actual, float delta) {}',
          '  public static void assertEquals(double expected, double actual, double delta) {}',
          '  public static void assertNotNull(Object actual) {}',
          '}',
        ].join('\n'),
      );
      const sources = ['com/acme/shop/Cart.java', 'com/acme/shop/CartTest.java', 'org/junit/jupiter/api/Test.java', 'org/junit/jupiter/api/Assertions.java'];
      const run = spawnSync('javac', ['-d', 'out', ...sources.map((s) => `src/${s}`)], { cwd: dir, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the test beside a source outside the Maven layout', () => {
    const generated = generate('lib/Util.java', 'public class Util {\n    public static boolean ok(String s) { return true; }\n}\n');
    expect(generated?.file.path).toBe('lib/UtilTest.java');
    expect(generated?.file.content).toMatch(/^import org\.junit\.jupiter\.api\.Test;\n/);
    expect(generated?.file.content).toContain('        String s = "";\n\n        boolean result = Util.ok(s);');
  });

  it('leaves out what a test cannot reach: other classes, instance methods of a class it cannot make', () => {
    expect(generate('A.java', 'class A {\n    public int f() { return 1; }\n}\n')).toBeUndefined();
    const abstractClass = 'public abstract class B {\n    public int f() { return 1; }\n    public static int g() { return 2; }\n}\n';
    expect(generate('B.java', abstractClass)?.functions).toEqual(['B.g']);
    const privateOnly = 'public class C {\n    private C() {}\n    public int f() { return 1; }\n    public static C of() { return new C(); }\n}\n';
    expect(generate('C.java', privateOnly)?.functions).toEqual(['C.of']);
  });

  it('adds the methods an existing test class does not test yet, and the imports they need', () => {
    const existing = `package com.acme.shop;

import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void name() {
        // "total" in a string or a comment does not count as testing total
    }
}
`;
    const generated = generate(cartPath, source, [['shop/src/test/java/com/acme/shop/CartTest.java', existing]]);
    expect(generated?.file.action).toBe('modify');
    expect(generated?.functions).toEqual(['Cart.total', 'Cart.ratio', 'Cart.pick', 'Cart.first', 'Cart.clear']);
    const content = generated?.file.content ?? '';
    const header = [
      'package com.acme.shop;',
      '',
      'import org.junit.jupiter.api.Test;',
      'import java.util.List;',
      'import java.util.Map;',
      'import static org.junit.jupiter.api.Assertions.assertEquals;',
      'import static org.junit.jupiter.api.Assertions.assertNotNull;',
      '',
      'class CartTest {',
      '    @Test',
      '    void name() {',
    ].join('\n');
    expect(content.startsWith(header)).toBe(true);
    // The new tests go at the end of the class.
    expect(content).toContain('    }\n\n    @Test\n    void total() throws Exception {');
    expect(content.endsWith('        // Fill in checks of what clear should have done.\n    }\n}\n')).toBe(true);
    expect(content.match(/@Test/g)).toHaveLength(6);
  });
});

describe('test_gen agent', () => {
  it('counts test cases and files across languages', async () => {
    const result = await runTestGen([
      { path: 'src/a.ts', content: 'export function a(x: number) { return x; }\nexport function b() { return 1; }\n' },
      { path: 'pkg/b.py', content: 'def c(y):\n    return y\n' },
      { path: 'README.md', content: '# docs\n' },
    ]);
    expect(result.tests_generated).toBe(3);
    expect(result.files_modified).toBe(2);
    expect(result.files?.map((f) => f.path)).toEqual(['src/a.test.ts', 'tests/test_b.py']);
    expect(result.summary).toBe('Generated 3 tests for exported functions in 3 files: 2 test files created, 0 modified.');
  });

  it('gives distinct test files to Python modules of the same name', async () => {
    const result = await runTestGen([
      { path: 'a/util.py', content: 'def f(x):\n    return x\n' },
      { path: 'b/util.py', content: 'def g(x):\n    return x\n' },
    ]);
    expect(result.files?.map((f) => f.path)).toEqual(['tests/test_util.py', 'tests/test_b_util.py']);
  });

  it('answers an empty file set with nothing to do', async () => {
    const result = await runTestGen([]);
    expect(result).toMatchObject({ findings: [], files: [], tests_generated: 0 });
    expect(result.summary).toMatch(/^Nothing to analyse/);
  });
});
