import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { SourceFile } from './source-file';
import { generateTests } from './test-generator';
import { testGenAgent } from './test-gen.agent';
import { agentSpecSchema, type AgentResult } from './protocol';

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
