/**
 * Syntax trees for the built-in agents, from tree-sitter (the WebAssembly build and grammars
 * VS Code ships in `@vscode/tree-sitter-wasm`: one runtime and grammars built together, so
 * their ABI always matches, and no native module to compile).
 *
 * A parse is copied into plain JavaScript nodes and the tree-sitter tree freed at once: the
 * analyses walk the same nodes many times, which is far cheaper on JS objects than through
 * the WebAssembly boundary, and nothing of a file outlives its analysis (memory stays bounded
 * when thousands of files are read one after another).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as TreeSitter from '@vscode/tree-sitter-wasm';
import { lowerBound } from '../sorted-search';
import type { Language } from '../source-language';

/** The tree-sitter grammars the agents use. TSX files need their own grammar (JSX in TypeScript). */
export type Grammar = 'python' | 'javascript' | 'typescript' | 'tsx' | 'go' | 'rust' | 'java';

/**
 * One node of a syntax tree. `type` is the grammar's node type (`call`, `identifier`, `"("`
 * for anonymous tokens); offsets are UTF-16 code units into the file's text, as JavaScript
 * strings index it (tree-sitter's own `startIndex`).
 */
export interface SyntaxNode {
  readonly type: string;
  /** False for anonymous tokens (punctuation, keywords, operators). */
  readonly named: boolean;
  /** The field this node fills in its parent (`function`, `arguments`, `left`…), if any. */
  readonly field: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly parent: SyntaxNode | undefined;
  readonly children: SyntaxNode[];
}

/** A parsed file: its root node and the lookups every analysis needs. */
export class SyntaxTree {
  private lineStarts?: number[];

  constructor(
    readonly root: SyntaxNode,
    readonly text: string,
    readonly grammar: Grammar,
    /** True when tree-sitter had to recover from a syntax error somewhere in the file. */
    readonly hasError: boolean,
  ) {}

  /** The source text a node spans. */
  textOf(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    this.lineStarts ??= computeLineStarts(this.text);
    return Math.max(1, lowerBound(this.lineStarts, offset + 1));
  }

  /** 1-based first line of a node. */
  line(node: SyntaxNode): number {
    return this.lineOf(node.start);
  }

  /** 1-based last line of a node (a node ending with a newline ends on the line before). */
  endLine(node: SyntaxNode): number {
    return this.lineOf(Math.max(node.start, node.end - 1));
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The first child filling `field`, e.g. `field(call, 'function')`. */
export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/** Every child filling `field` (tree-sitter repeats a field for lists, e.g. `declarator`). */
export function fields(node: SyntaxNode, name: string): SyntaxNode[] {
  return node.children.filter((c) => c.field === name);
}

/** Named children only: the syntax, without punctuation and keywords. */
export function named(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.named);
}

/** The first child of one of the given types. */
export function childOfType(node: SyntaxNode, ...types: string[]): SyntaxNode | undefined {
  for (const child of node.children) if (types.includes(child.type)) return child;
  return undefined;
}

/** True when a direct child is the anonymous token `token` (a keyword like `async`, `pub`). */
export function hasToken(node: SyntaxNode, token: string): boolean {
  return node.children.some((c) => !c.named && c.type === token);
}

/**
 * Every node under `node` (itself included) in source order, depth first. `enter` returning
 * false skips the node's subtree.
 */
export function walk(node: SyntaxNode, enter: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (enter(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

/** The grammar that parses a file of `language` at `filePath`, or undefined for files no grammar reads. */
export function grammarOf(language: Language, filePath: string): Grammar | undefined {
  switch (language) {
    case 'typescript':
      return /\.tsx$/i.test(filePath) ? 'tsx' : 'typescript';
    case 'javascript':
    case 'python':
    case 'go':
    case 'rust':
    case 'java':
      return language;
    default:
      return undefined;
  }
}

let runtime: Promise<void> | undefined;
/** A grammar with its node-type and field names by ID: reading IDs through the cursor and looking the names up here is cheaper than asking for each name. */
interface LoadedGrammar {
  language: TreeSitter.Language;
  types: string[];
  namedTypes: boolean[];
  fields: (string | undefined)[];
}

const loaded = new Map<Grammar, LoadedGrammar>();
const loading = new Map<Grammar, Promise<void>>();
const parsers = new Map<Grammar, TreeSitter.Parser>();

function wasmDirectory(): string {
  const require = createRequire(__filename);
  return path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
}

function initRuntime(): Promise<void> {
  const dir = wasmDirectory();
  runtime ??= TreeSitter.Parser.init({ locateFile: (name: string) => path.join(dir, name) });
  return runtime;
}

/**
 * Loads the runtime and the given grammars (about 200 ms for all of them, once per process).
 * Parsing is synchronous afterwards, so call this before the analyses start.
 */
export async function loadGrammars(grammars: Iterable<Grammar>): Promise<void> {
  const wanted = [...new Set(grammars)].filter((g) => !loaded.has(g));
  if (!wanted.length) return;
  await initRuntime();
  const dir = wasmDirectory();
  await Promise.all(
    wanted.map((grammar) => {
      if (loaded.has(grammar)) return undefined;
      let pending = loading.get(grammar);
      if (!pending) {
        // Bytes rather than a path: the runtime would read a path with a dynamic import().
        pending = readFile(path.join(dir, `tree-sitter-${grammar}.wasm`)).then((bytes) => TreeSitter.Language.load(bytes)).then((language) => {
          const types: string[] = [];
          const namedTypes: boolean[] = [];
          for (let id = 0; id < language.nodeTypeCount; id++) {
            types.push(language.nodeTypeForId(id) ?? '');
            namedTypes.push(language.nodeTypeIsNamed(id));
          }
          const fields: (string | undefined)[] = [undefined];
          for (let id = 1; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id) ?? undefined);
          loaded.set(grammar, { language, types, namedTypes, fields });
        });
        loading.set(grammar, pending);
      }
      return pending;
    }),
  );
}

/** Every grammar the agents know. */
export const ALL_GRAMMARS: readonly Grammar[] = ['python', 'javascript', 'typescript', 'tsx', 'go', 'rust', 'java'];

/** True once `loadGrammars` has loaded `grammar`. */
export function grammarLoaded(grammar: Grammar): boolean {
  return loaded.has(grammar);
}

class MutableNode implements SyntaxNode {
  readonly children: MutableNode[] = [];
  constructor(
    readonly type: string,
    readonly named: boolean,
    readonly field: string | undefined,
    readonly start: number,
    readonly end: number,
    readonly parent: MutableNode | undefined,
  ) {}
}

/**
 * Parses `text` with `grammar` into plain nodes.
 * @throws Error when the grammar was not loaded first (`loadGrammars`).
 */
export function parseSource(text: string, grammar: Grammar): SyntaxTree {
  const grammarInfo = loaded.get(grammar);
  if (!grammarInfo) throw new Error(`The ${grammar} grammar is not loaded: await loadGrammars([...]) before parsing`);
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new TreeSitter.Parser();
    parser.setLanguage(grammarInfo.language);
    parsers.set(grammar, parser);
  }
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${grammar} file`);
  try {
    const cursor = tree.walk();
    const { types, namedTypes, fields } = grammarInfo;
    const addChild = (parent: MutableNode): MutableNode => {
      const id = cursor.nodeTypeId;
      const node = new MutableNode(types[id] ?? '', namedTypes[id] ?? false, fields[cursor.currentFieldId], cursor.startIndex, cursor.endIndex, parent);
      parent.children.push(node);
      return node;
    };
    const rootId = cursor.nodeTypeId;
    const root = new MutableNode(types[rootId] ?? '', true, undefined, cursor.startIndex, cursor.endIndex, undefined);
    let current = root;
    // Depth-first copy with one cursor: the cheapest way across the WebAssembly boundary.
    for (;;) {
      if (cursor.gotoFirstChild()) {
        current = addChild(current);
        continue;
      }
      let moved = false;
      while (!moved) {
        if (cursor.gotoNextSibling()) {
          current = addChild(current.parent!);
          moved = true;
        } else if (cursor.gotoParent()) {
          current = current.parent!;
        } else {
          cursor.delete();
          return new SyntaxTree(root, text, grammar, tree.rootNode.hasError);
        }
      }
    }
  } finally {
    tree.delete();
  }
}
