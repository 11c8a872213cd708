import { SourceFile } from '../source-file';
import type { FunctionInfo } from './functions';
import { ALL_GRAMMARS, loadGrammars } from './tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function functions(path: string, content: string): FunctionInfo[] {
  return new SourceFile(path, content).functions;
}

/** `name@line-endLine`, with `!` for exported ones: the shape most assertions need. */
function outline(path: string, content: string): string[] {
  return functions(path, content).map((f) => `${f.name}@${f.line}-${f.endLine}${f.exported ? '!' : ''}`);
}

describe('findFunctions: Java', () => {
  const source = `package com.acme.shop;

import java.io.IOException;
import java.util.List;

public class Cart<T> {
    public Cart(int size) {}

    @Deprecated
    public static int total(List<Item> items, double tax) throws IOException {
        return 0;
    }

    public <U> U pick(U value, String... rest) { return value; }

    void hidden() {}

    public abstract static class Base {
        public void nested() {}
    }

    interface Listener { void changed(); }
}

class Item {
    public String label() { return ""; }
}
`;

  it('lists methods and constructors with their class, and exports the public methods of the public class', () => {
    expect(outline('src/main/java/com/acme/shop/Cart.java', source)).toEqual([
      'Cart@7-7',
      // The annotation line is not part of the method's extent.
      'total@10-12!',
      'pick@14-14!',
      'hidden@16-16',
      'nested@19-19',
      'label@26-26',
    ]);
  });

  it('keeps parameter types, varargs, type parameters, static and throws', () => {
    const [constructor, total, pick] = functions('Cart.java', source);
    expect(constructor).toMatchObject({ owner: { type: 'Cart', typeParams: ['T'] }, params: [{ name: 'size', type: 'int' }] });
    expect(constructor?.returnType).toBeUndefined();
    expect(total).toMatchObject({
      static: true,
      returnType: 'int',
      throws: ['IOException'],
      params: [
        { name: 'items', type: 'List<Item>', rest: false },
        { name: 'tax', type: 'double', rest: false },
      ],
    });
    expect(pick).toMatchObject({ typeParams: ['U'], returnType: 'U', params: [{ name: 'value' }, { name: 'rest', type: 'String...', rest: true }] });
    expect(pick?.static).toBeUndefined();
  });
});

describe('findFunctions: JavaScript and TypeScript exports', () => {
  it('tells ES module exports apart', () => {
    const code = `export function a() {}
export default function () {}
export const b = async (x) => x;
function c() {}
const d = function () {};
export { c as see, d as default };
export { e } from './elsewhere';
function e() {}
`;
    const found = functions('src/my-module.ts', code);
    expect(found.map((f) => [f.name, f.exportKind, f.exportName])).toEqual([
      ['a', 'named', undefined],
      // An anonymous default export is named after the module, as an importer would name it.
      ['myModule', 'default', undefined],
      ['b', 'named', undefined],
      ['c', 'named', 'see'],
      ['d', 'default', undefined],
      // A re-export from another module says nothing about this file's `e`.
      ['e', undefined, undefined],
    ]);
    expect(found[2]?.async).toBe(true);
  });

  it('tells CommonJS exports apart', () => {
    const code = `function helper(a, b) { return a - b; }
function inner() {}
exports.sum = function (xs) { return xs; };
module.exports.helper = helper;
module.exports = { inner, run() {}, go: () => 1 };
`;
    const found = functions('lib/util.js', code);
    expect(found.map((f) => `${f.name}:${f.exportKind ?? '-'}`)).toEqual([
      'helper:commonjs-named',
      'inner:commonjs-named',
      'sum:commonjs-named',
      'run:commonjs-named',
      'go:commonjs-named',
    ]);
    expect(functions('lib/main.js', 'module.exports = function () {};\n')[0]).toMatchObject({ name: 'main', exportKind: 'commonjs-default' });
  });

  it('finds what the line-based patterns missed: typed arrow constants, decorated methods', () => {
    const code = `export const double: (n: number) => number = (n) => n * 2;
class Api {
  @Get(':id') async find(@Param('id') id: string, { verbose }: Options = {}) {
    return id;
  }
}
`;
    expect(outline('a.ts', code)).toEqual(['double@1-1!', 'find@3-5']);
    expect(functions('a.ts', code)[1]).toMatchObject({ async: true, params: [{ name: 'id' }, { name: 'options', optional: true }] });
  });

  it('reads a signature over several lines, with braces in strings, regular expressions and comments', () => {
    const code = `export function format(
  value: string, // a } here
  open = '{',
  close = /[}]/,
): { text: string } {
  const tpl = \`\${'}'}\`;
  return { text: value + open + tpl };
}
export function next() {}
`;
    expect(outline('a.ts', code)).toEqual(['format@1-8!', 'next@9-9!']);
    expect(functions('a.ts', code)[0]?.params.map((p) => `${p.name}${p.optional ? '?' : ''}`)).toEqual(['value', 'open?', 'close?']);
  });

  it('lists nested functions after the one around them and leaves callbacks to it', () => {
    const code = `function outer() {
  function inner() {
    return 1;
  }
  [1, 2].map((x) => x * inner());
  return inner;
}
`;
    const found = functions('a.js', code);
    expect(found.map((f) => `${f.name}@${f.line}-${f.endLine}`)).toEqual(['outer@1-7', 'inner@2-4']);
    expect(found[1]!.bodyStart).toBeGreaterThan(found[0]!.bodyStart);
    expect(found[1]!.bodyEnd).toBeLessThan(found[0]!.bodyEnd);
  });

  it('reads TSX', () => {
    expect(outline('src/View.tsx', 'export const View = ({ title }: Props) => <h1>{title}</h1>;\n')).toEqual(['View@1-1!']);
  });
});

describe('findFunctions: Python, Go and Rust', () => {
  it('exports public top-level Python functions; methods drop self', () => {
    const code = `import functools


@functools.cache
async def load(url: str, *args, timeout=3, **kw) -> dict:
    return {}


def _private():
    pass


class Cart:
    def add(self, item, /, qty=1, *, note):
        def helper():
            pass
        return helper
`;
    expect(outline('a.py', code)).toEqual(['load@5-6!', '_private@9-10', 'add@14-17', 'helper@15-16']);
    const [load, , add] = functions('a.py', code);
    expect(load).toMatchObject({ async: true, returnType: 'dict' });
    expect(load?.params.map((p) => `${p.name}${p.rest ? '*' : ''}${p.keywordOnly ? '=kw' : ''}${p.optional ? '?' : ''}`)).toEqual(['url', 'args*', 'timeout=kw?', 'kw*']);
    expect(add?.params.map((p) => `${p.name}${p.keywordOnly ? '=kw' : ''}`)).toEqual(['item', 'qty', 'note=kw']);
  });

  it('gives Go functions their receiver, type parameters and result types', () => {
    const code = `package shop

func (s *Store[T]) Add(ctx context.Context, a, b int, rest ...string) (n int, err error) {
	return 0, nil
}

func Map[K comparable, V any](m map[K]V) []V { return nil }

func helper(int, string) {}
`;
    const [add, map, helper] = functions('a.go', code);
    expect(add).toMatchObject({
      name: 'Add',
      exported: true,
      owner: { type: 'Store', pointer: true },
      returnType: '(n int, err error)',
      resultTypes: ['int', 'error'],
      params: [
        { name: 'ctx', type: 'context.Context' },
        { name: 'a', type: 'int' },
        { name: 'b', type: 'int' },
        { name: 'rest', type: '...string', rest: true },
      ],
    });
    expect(map).toMatchObject({ typeParams: ['K', 'V'], resultTypes: ['[]V'] });
    expect(helper).toMatchObject({ exported: false, params: [{ name: 'arg1', type: 'int' }, { name: 'arg2', type: 'string' }] });
  });

  it('gives Rust methods their impl type and self, and marks test code', () => {
    const code = `pub struct Calc;

impl<'a> Display for Calc {
    pub fn show(&mut self, out: &'a mut String) -> Result<(), Error> { Ok(()) }
}

pub(crate) fn free<T: Clone>(_: u8, value: T) {}

#[cfg(test)]
// helpers and tests
mod tests {
    pub fn fixture() {}
}

#[tokio::test]
async fn runs() {}
`;
    const found = functions('src/lib.rs', code);
    expect(found.map((f) => `${f.name}${f.exported ? '!' : ''}${f.inTestCode ? ' test' : ''}`)).toEqual(['show!', 'free!', 'fixture test', 'runs test']);
    expect(found[0]).toMatchObject({ owner: { type: 'Calc' }, selfParam: 'mut', returnType: 'Result<(), Error>', params: [{ name: 'out', type: "&'a mut String" }] });
    expect(found[1]).toMatchObject({ typeParams: ['T'], params: [{ name: 'arg1' }, { name: 'value', type: 'T' }] });
    expect(found[3]?.async).toBe(true);
  });

  it('still finds the functions of a file with a syntax error', () => {
    const file = new SourceFile('a.py', 'def good(a):\n    return a\n\n\ndef broken(:\n    pass\n\n\ndef after(b):\n    return b\n');
    expect(file.tree?.hasError).toBe(true);
    expect(file.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['good', 'after']));
  });

  it('has none for files no grammar reads', () => {
    expect(functions('settings.yaml', 'a: 1\n')).toEqual([]);
  });
});
