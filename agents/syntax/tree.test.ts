import { ALL_GRAMMARS, field, loadGrammars, parseSource, walk } from './tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

describe('syntax trees', () => {
  it('parses every grammar and keeps fields, offsets and lines', () => {
    const tree = parseSource('import os\n\ndef run(cmd):\n    os.system("ls " + cmd)\n', 'python');
    const calls: string[] = [];
    walk(tree.root, (n) => {
      if (n.type === 'call') calls.push(`${tree.line(n)}:${tree.textOf(field(n, 'function')!)}`);
    });
    expect(calls).toEqual(['4:os.system']);
    expect(tree.hasError).toBe(false);
    for (const [grammar, text] of [
      ['javascript', 'const x = () => `a${b}`;'],
      ['typescript', 'export function f(a: number): string { return String(a); }'],
      ['tsx', 'const C = () => <div>{x}</div>;'],
      ['go', 'package main\nfunc main() {}\n'],
      ['rust', 'fn main() { let x = 1; }'],
      ['java', 'class A { void f() { g(); } }'],
    ] as const) {
      expect(parseSource(text, grammar).hasError).toBe(false);
    }
  });

  it('counts offsets in UTF-16 units, as JavaScript strings do', () => {
    const text = 'x = "héllo😀"\ny = 1\n';
    const tree = parseSource(text, 'python');
    const second = tree.root.children[1]!;
    expect(second.start).toBe(text.indexOf('y'));
    expect(tree.line(second)).toBe(2);
    expect(tree.textOf(second)).toBe('y = 1');
  });

  it('recovers from syntax errors and says so', () => {
    const tree = parseSource('def broken(:\n    pass\n', 'python');
    expect(tree.hasError).toBe(true);
  });
});
