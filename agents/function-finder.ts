/**
 * Finds function definitions with regexes on the masked view (no parser dependency): their
 * names, parameters, extent and whether other files can call them. Good enough for test
 * skeletons and review rules; not a compiler.
 */
import { findAngleClose, findClose, skipSpace, splitTopLevel } from './bracket-scan';
import type { SourceFile } from './source-file';

export interface FunctionParam {
  name: string;
  /** Declared type where the language writes one (Go, Rust; TS annotations are not kept). */
  type?: string;
  /** `...rest`, `*args`/`**kwargs`, Go `...T`: left out of generated calls. */
  rest: boolean;
  /** Python parameters after `*` or `*args`: passed by keyword. */
  keywordOnly: boolean;
  /** Has a default value (or is `x?` in TS): generated calls may leave it out. */
  optional: boolean;
}

/** How JS/TS importers reach a function. */
export type JsExportKind = 'named' | 'default' | 'commonjs-named' | 'commonjs-default';

export interface FunctionOwner {
  /** Go receiver type or Rust impl type, without pointer or generics. */
  type: string;
  /** Go pointer receiver. */
  pointer: boolean;
}

export interface FunctionInfo {
  name: string;
  /** 1-based lines of the definition's first and last line. */
  line: number;
  endLine: number;
  async: boolean;
  params: FunctionParam[];
  /** Go results (as written) or Rust `-> T`. */
  returnType?: string;
  /** Callable from other files: JS/TS export, public top-level Python def, capitalised Go func, Rust `pub fn`. */
  exported: boolean;
  exportKind?: JsExportKind;
  /** The name importers use (JS `export { a as b }`); defaults to `name`. */
  exportName?: string;
  owner?: FunctionOwner;
  /** Names of Go/Rust type parameters (`[T any]`, `<T: Clone>`), lifetimes left out. */
  typeParams?: string[];
  /** Rust: how the method takes `self`. */
  selfParam?: 'value' | 'ref' | 'mut';
  /** Inside a Rust `#[cfg(test)]` module or a test function. */
  inTestCode: boolean;
  /** Offsets in the masked view: the opening brace (Python: the colon) and the body's last character. */
  bodyStart: number;
  bodyEnd: number;
}

export function findFunctions(file: SourceFile): FunctionInfo[] {
  switch (file.language) {
    case 'javascript':
    case 'typescript':
      return findJsFunctions(file);
    case 'python':
      return findPythonFunctions(file);
    case 'go':
      return findGoFunctions(file);
    case 'rust':
      return findRustFunctions(file);
    case 'java':
    case 'config':
    case 'other':
      return [];
  }
}

function base(file: SourceFile, name: string, start: number, bodyStart: number, bodyEnd: number): FunctionInfo {
  return {
    name,
    line: file.lineOf(start),
    endLine: file.lineOf(bodyEnd),
    async: false,
    params: [],
    exported: false,
    inTestCode: false,
    bodyStart,
    bodyEnd,
  };
}

// ---------------------------------------------------------------- JavaScript / TypeScript

const JS_FUNCTION_DECL =
  /^[ \t]*(export[ \t]+(?:default[ \t]+)?)?(?:declare[ \t]+)?(async[ \t]+)?function\b[ \t]*\*?[ \t]*([\w$]*)[ \t]*(?=[(<])/gm;
const JS_VARIABLE_FUNC =
  /^[ \t]*(export[ \t]+)?(?:const|let|var)[ \t]+([\w$]+)[ \t]*(?::[^=\n]+)?=[ \t]*(async[ \t]+)?(function\b[ \t]*\*?[ \t]*[\w$]*[ \t]*)?(?=[(<]|[\w$]+[ \t]*=>)/gm;
const JS_EXPORTS_MEMBER = /^[ \t]*(?:module\.)?exports\.([\w$]+)[ \t]*=[ \t]*(async[ \t]+)?(function\b[ \t]*\*?[ \t]*[\w$]*[ \t]*)?(?=[(<]|[\w$]+[ \t]*=>)/gm;
const JS_MODULE_EXPORTS_FUNC = /^[ \t]*module\.exports[ \t]*=[ \t]*(async[ \t]+)?function\b[ \t]*\*?[ \t]*([\w$]*)[ \t]*(?=[(<])/gm;
const JS_METHOD =
  /^[ \t]*(?:(?:public|private|protected|static|override|readonly|abstract|get|set)[ \t]+)*(async[ \t]+)?\*?[ \t]*(#?[\w$]+)[ \t]*(?:<[^>\n]*>)?[ \t]*(?=\()/gm;
const JS_NOT_METHOD_NAMES = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'new', 'with', 'do', 'else',
  'try', 'super', 'this', 'import', 'require', 'describe', 'it', 'test',
]);
/** `export { a, b as c }` without `from` (a re-export has no local function). */
const JS_EXPORT_LIST = /\bexport[ \t]*\{([^}]*)\}(?![ \t]*from\b)/g;
const JS_EXPORT_DEFAULT_NAME = /\bexport[ \t]+default[ \t]+([\w$]+)[ \t]*;?[ \t]*$/gm;
const JS_MODULE_EXPORTS_NAME = /^[ \t]*module\.exports[ \t]*=[ \t]*([\w$]+)[ \t]*;?[ \t]*$/gm;
const JS_MODULE_EXPORTS_OBJECT = /^[ \t]*module\.exports[ \t]*=[ \t]*\{/gm;
const JS_EXPORTS_ALIAS = /^[ \t]*(?:module\.)?exports\.([\w$]+)[ \t]*=[ \t]*([\w$]+)[ \t]*;?[ \t]*$/gm;

interface JsBody {
  paramsText: string;
  bodyStart: number;
  bodyEnd: number;
}

/** Parameters and body of a JS function whose parameters start at `at` (`(`, `<` or a bare arrow parameter). */
function jsSignature(m: string, at: number, arrow: boolean): JsBody | undefined {
  let open = at;
  if (m[open] === '<') {
    const close = findAngleClose(m, open);
    if (close === -1) return undefined;
    open = skipSpace(m, close + 1);
  }
  let paramsText: string;
  let after: number;
  if (m[open] === '(') {
    const close = findClose(m, open);
    if (close === -1) return undefined;
    paramsText = m.slice(open + 1, close);
    after = close + 1;
  } else {
    const word = /^[\w$]+/.exec(m.slice(open, open + 200));
    if (!word) return undefined;
    paramsText = word[0];
    after = open + word[0].length;
  }
  const bodyAt = afterReturnType(m, skipSpace(m, after), arrow);
  if (bodyAt === -1) return undefined;
  if (m[bodyAt] === '{') {
    const end = findClose(m, bodyAt);
    return end === -1 ? undefined : { paramsText, bodyStart: bodyAt, bodyEnd: end };
  }
  return arrow ? { paramsText, bodyStart: bodyAt, bodyEnd: expressionEnd(m, bodyAt) } : undefined;
}

/**
 * Skips a TS return type annotation; returns where the body starts (after `=>` for arrows),
 * or -1 when there is none (an overload or `declare`).
 */
function afterReturnType(m: string, i: number, arrow: boolean): number {
  let j = i;
  if (m[j] === ':') {
    j = skipSpace(m, j + 1);
    let depth = 0;
    const limit = Math.min(m.length, j + 500);
    for (; j < limit; j++) {
      const c = m[j] ?? '';
      if (c === '(' || c === '[' || c === '<') depth++;
      else if ((c === ')' || c === ']' || (c === '>' && m[j - 1] !== '=')) && depth > 0) depth--;
      else if (depth === 0 && arrow && m.startsWith('=>', j)) break;
      else if (depth === 0 && c === '{') {
        // An object type (`: { a: T }`, `: A & { b: U }`) rather than the body.
        const before = m.slice(i, j).trimEnd();
        if (!/[:|&<,]$/.test(before)) break;
        j = findClose(m, j);
        if (j === -1) return -1;
      } else if (depth === 0 && c === ';') return -1;
    }
  }
  if (arrow) {
    if (!m.startsWith('=>', j)) return -1;
    return skipSpace(m, j + 2);
  }
  return m[j] === '{' ? j : -1;
}

/** End of a concise arrow body: a `;`, `,` or closing bracket at depth 0, or a line break not continued by an operator. */
export function expressionEnd(m: string, start: number): number {
  let depth = 0;
  for (let i = start; i < m.length; i++) {
    const c = m[i] ?? '';
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return i - 1;
      depth--;
    } else if (depth === 0 && (c === ';' || c === ',')) return i - 1;
    else if (depth === 0 && c === '\n' && !/^\s*(?:[.?:]|&&|\|\|)/.test(m.slice(i + 1, i + 80))) return i - 1;
  }
  return m.length - 1;
}

function parseJsParams(text: string): FunctionParam[] {
  const params: FunctionParam[] = [];
  for (const part of splitTopLevel(text, ',', true)) {
    let p = part.replace(/^(?:@[\w$.]+(?:\([^)]*\))?\s*)+/, '').replace(/^(?:(?:public|private|protected|readonly|override)\s+)+/, '');
    const rest = p.startsWith('...');
    if (rest) p = p.slice(3).trim();
    let name: string;
    if (p.startsWith('{')) name = 'options';
    else if (p.startsWith('[')) name = 'items';
    else name = /^[\w$]+/.exec(p)?.[0] ?? `arg${params.length + 1}`;
    if (name === 'this') continue;
    const optional = /^[\w$]+\s*\?/.test(p) || splitTopLevel(p.replace(/=>/g, '  '), '=', true).length > 1;
    params.push({ name, rest, keywordOnly: false, optional });
  }
  return uniqueNames(params);
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

function fileStem(path: string): string {
  const baseName = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const camel = baseName.replace(/[-_.]+([a-zA-Z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return /^[A-Za-z_$]/.test(camel) ? camel : `module${camel}`;
}

function findJsFunctions(file: SourceFile): FunctionInfo[] {
  const m = file.lexed.masked;
  const found: FunctionInfo[] = [];
  const add = (
    name: string,
    start: number,
    signatureAt: number,
    arrow: boolean,
    extra: Partial<FunctionInfo>,
  ): void => {
    const signature = jsSignature(m, signatureAt, arrow);
    if (!signature) return;
    const fn = base(file, name, start, signature.bodyStart, signature.bodyEnd);
    if (found.some((f) => f.line === fn.line && f.name === name)) return;
    found.push({
      ...fn,
      params: parseJsParams(signature.paramsText),
      ...extra,
    });
  };

  for (const match of m.matchAll(JS_FUNCTION_DECL)) {
    const exportWord = match[1] ?? '';
    const isDefault = exportWord.includes('default');
    const name = match[3] || fileStem(file.path);
    add(name, match.index, match.index + match[0].length, false, {
      async: Boolean(match[2]),
      exported: exportWord.length > 0,
      ...(exportWord ? { exportKind: isDefault ? 'default' : 'named' } : {}),
    });
  }
  for (const match of m.matchAll(JS_VARIABLE_FUNC)) {
    const exported = Boolean(match[1]);
    add(match[2] ?? '', match.index, match.index + match[0].length, !match[4], {
      async: Boolean(match[3]),
      exported,
      ...(exported ? { exportKind: 'named' } : {}),
    });
  }
  for (const match of m.matchAll(JS_EXPORTS_MEMBER)) {
    add(match[1] ?? '', match.index, match.index + match[0].length, !match[3], {
      async: Boolean(match[2]),
      exported: true,
      exportKind: 'commonjs-named',
    });
  }
  for (const match of m.matchAll(JS_MODULE_EXPORTS_FUNC)) {
    add(match[2] || fileStem(file.path), match.index, match.index + match[0].length, false, {
      async: Boolean(match[1]),
      exported: true,
      exportKind: 'commonjs-default',
    });
  }
  for (const match of m.matchAll(JS_METHOD)) {
    const name = match[2] ?? '';
    if (JS_NOT_METHOD_NAMES.has(name)) continue;
    add(name, match.index, match.index + match[0].length, false, { async: Boolean(match[1]) });
  }
  markJsExports(m, found);
  return found.sort((a, b) => a.line - b.line);
}

/** Export statements that name functions declared elsewhere in the file. */
function markJsExports(m: string, found: FunctionInfo[]): void {
  const mark = (local: string, exportName: string, kind: JsExportKind): void => {
    const fn = found.find((f) => f.name === local && !f.exported);
    if (!fn) return;
    fn.exported = true;
    fn.exportKind = kind;
    if (exportName !== local) fn.exportName = exportName;
  };
  for (const match of m.matchAll(JS_EXPORT_LIST)) {
    for (const entry of splitTopLevel(match[1] ?? '', ',')) {
      const [local = '', alias] = entry.split(/\s+as\s+/).map((s) => s.trim());
      if (alias === 'default') mark(local, local, 'default');
      else mark(local, alias ?? local, 'named');
    }
  }
  for (const match of m.matchAll(JS_EXPORT_DEFAULT_NAME)) mark(match[1] ?? '', match[1] ?? '', 'default');
  for (const match of m.matchAll(JS_MODULE_EXPORTS_NAME)) mark(match[1] ?? '', match[1] ?? '', 'commonjs-default');
  for (const match of m.matchAll(JS_EXPORTS_ALIAS)) mark(match[2] ?? '', match[1] ?? '', 'commonjs-named');
  for (const match of m.matchAll(JS_MODULE_EXPORTS_OBJECT)) {
    const open = match.index + match[0].length - 1;
    const close = findClose(m, open);
    if (close === -1) continue;
    for (const entry of splitTopLevel(m.slice(open + 1, close), ',')) {
      const pair = /^([\w$]+)\s*(?::\s*([\w$]+))?$/.exec(entry);
      if (pair) mark(pair[2] ?? pair[1] ?? '', pair[1] ?? '', 'commonjs-named');
    }
  }
}

// ---------------------------------------------------------------- Python

const PY_DEF = /^([ \t]*)(async[ \t]+)?def[ \t]+(\w+)[ \t]*(?:\[[^\]\n]*\])?[ \t]*(?=\()/gm;

function findPythonFunctions(file: SourceFile): FunctionInfo[] {
  const m = file.lexed.masked;
  const lines = file.maskedLines;
  const continued = continuationLines(m);
  const found: FunctionInfo[] = [];
  for (const match of m.matchAll(PY_DEF)) {
    const open = match.index + match[0].length;
    const close = findClose(m, open);
    if (close === -1) continue;
    const colon = m.indexOf(':', close);
    if (colon === -1) continue;
    const arrow = m.slice(close + 1, colon).match(/->\s*(.+)$/s);
    const indent = (match[1] ?? '').length;
    const defLine = file.lineOf(match.index);
    const colonLine = file.lineOf(colon);
    let endLine = colonLine;
    if ((lines[colonLine - 1] ?? '').slice(colon - file.offsetOfLine(colonLine) + 1).trim() === '') {
      for (let l = colonLine + 1; l <= lines.length; l++) {
        const text = lines[l - 1] ?? '';
        if (text.trim() === '' || continued[l - 1]) continue;
        if (text.length - text.trimStart().length <= indent) break;
        endLine = l;
      }
    }
    const name = match[3] ?? '';
    found.push({
      ...base(file, name, match.index, colon, file.offsetOfLine(endLine + 1) - 1),
      line: defLine,
      endLine,
      async: Boolean(match[2]),
      params: parsePythonParams(m.slice(open + 1, close), indent > 0),
      ...(arrow?.[1] ? { returnType: arrow[1].trim() } : {}),
      exported: indent === 0 && !name.startsWith('_'),
    });
  }
  return found;
}

/** Per 0-based line: whether it starts inside an open bracket, continuing the statement above. */
export function continuationLines(masked: string): boolean[] {
  const result = [false];
  let depth = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i] ?? '';
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n') result.push(depth > 0);
  }
  return result;
}

function parsePythonParams(text: string, isMethod: boolean): FunctionParam[] {
  const params: FunctionParam[] = [];
  let keywordOnly = false;
  const parts = splitTopLevel(text, ',');
  parts.forEach((part, index) => {
    if (part === '/') return;
    if (part === '*') {
      keywordOnly = true;
      return;
    }
    const name = /^\**(\w+)/.exec(part)?.[1] ?? `arg${index + 1}`;
    if (isMethod && index === 0 && (name === 'self' || name === 'cls')) return;
    const rest = part.startsWith('*');
    if (part.startsWith('*') && !part.startsWith('**')) keywordOnly = true;
    const optional = splitTopLevel(part, '=').length > 1;
    params.push({ name, rest, keywordOnly: keywordOnly && !rest, optional });
  });
  return params;
}

// ---------------------------------------------------------------- Go

const GO_FUNC = /^func[ \t]*(?:\(([^)]*)\)[ \t]*)?([A-Za-z_]\w*)[ \t]*(?:\[([^\]\n]*)\])?[ \t]*(?=\()/gm;

function findGoFunctions(file: SourceFile): FunctionInfo[] {
  const m = file.lexed.masked;
  const found: FunctionInfo[] = [];
  for (const match of m.matchAll(GO_FUNC)) {
    const open = match.index + match[0].length;
    const close = findClose(m, open);
    if (close === -1) continue;
    const bodyAt = goBodyStart(m, close + 1);
    if (bodyAt === -1) continue;
    const bodyEnd = findClose(m, bodyAt);
    if (bodyEnd === -1) continue;
    const name = match[2] ?? '';
    const results = m.slice(close + 1, bodyAt).trim();
    const receiver = match[1]?.trim();
    const typeParams = parseGoParams(match[3] ?? '').map((p) => p.name);
    found.push({
      ...base(file, name, match.index, bodyAt, bodyEnd),
      params: parseGoParams(m.slice(open + 1, close)),
      ...(results ? { returnType: results } : {}),
      ...(receiver ? { owner: goReceiver(receiver) } : {}),
      ...(typeParams.length ? { typeParams } : {}),
      exported: /^[A-Z]/.test(name),
    });
  }
  return found;
}

/** The body's `{` after the results, skipping the braces of `interface{}` and `struct{…}` result types. */
function goBodyStart(m: string, from: number): number {
  for (let i = from; i < m.length; i++) {
    const c = m[i];
    if (c === '(' || c === '[') {
      i = findClose(m, i);
      if (i === -1) return -1;
      continue;
    }
    // Go puts the body's brace on the signature's line; a line end first means no body.
    if (c === '\n' || c === ';') return -1;
    if (c !== '{') continue;
    if (/\b(?:interface|struct)\s*$/.test(m.slice(from, i))) {
      i = findClose(m, i);
      if (i === -1) return -1;
      continue;
    }
    return i;
  }
  return -1;
}

function goReceiver(receiver: string): FunctionOwner {
  const type = receiver.split(/\s+/).pop() ?? receiver;
  return { type: type.replace(/^\*/, '').replace(/\[.*$/, ''), pointer: type.startsWith('*') };
}

/**
 * Go parameter lists name all parameters or none; `a, b int` gives both names the next type.
 */
export function parseGoParams(text: string): FunctionParam[] {
  const parts = splitTopLevel(text, ',');
  const named = parts.some((p) => /^[A-Za-z_]\w*\s+\S/.test(p) && !/^(?:chan|func|map|struct|interface)\b/.test(p));
  if (!named) {
    return parts.map((type, i) => ({ name: `arg${i + 1}`, type, rest: type.startsWith('...'), keywordOnly: false, optional: false }));
  }
  const params: FunctionParam[] = [];
  let pending: string[] = [];
  for (const part of parts) {
    const typed = /^([A-Za-z_]\w*)\s+(.+)$/s.exec(part);
    if (!typed) {
      pending.push(part);
      continue;
    }
    const type = (typed[2] ?? '').trim();
    for (const name of [...pending, typed[1] ?? '']) {
      params.push({ name, type, rest: type.startsWith('...'), keywordOnly: false, optional: false });
    }
    pending = [];
  }
  return params;
}

// ---------------------------------------------------------------- Rust

const RUST_FN =
  /^[ \t]*((?:pub(?:\([^)\n]*\))?[ \t]+)?)((?:(?:const|async|unsafe|default)[ \t]+|extern[ \t]+(?:"[^"\n]*"[ \t]+)?)*)fn[ \t]+(\w+)/gm;
const RUST_IMPL = /^[ \t]*(?:unsafe[ \t]+)?impl\b/gm;
const RUST_CFG_TEST_MOD = /#\[cfg\(test\)\](?:\s*#\[[^\]]*\])*\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{/g;

interface Range {
  start: number;
  end: number;
}

function findRustFunctions(file: SourceFile): FunctionInfo[] {
  const m = file.lexed.masked;
  const impls = rustImpls(m);
  const testModules: Range[] = [];
  for (const match of m.matchAll(RUST_CFG_TEST_MOD)) {
    const open = match.index + match[0].length - 1;
    testModules.push({ start: open, end: findClose(m, open) });
  }
  const found: FunctionInfo[] = [];
  for (const match of m.matchAll(RUST_FN)) {
    let i = skipSpace(m, match.index + match[0].length);
    const typeParams: string[] = [];
    if (m[i] === '<') {
      const close = findAngleClose(m, i);
      if (close === -1) continue;
      for (const p of splitTopLevel(m.slice(i + 1, close), ',', true)) {
        const name = /^(?:const\s+)?([A-Za-z_]\w*)/.exec(p)?.[1];
        if (name) typeParams.push(name);
      }
      i = skipSpace(m, close + 1);
    }
    if (m[i] !== '(') continue;
    const close = findClose(m, i);
    if (close === -1) continue;
    const tail = /^\s*(?:->\s*([^{;]*?))?\s*(?:\bwhere\b[^{;]*)?([{;])/.exec(m.slice(close + 1, close + 1000));
    if (!tail || tail[2] !== '{') continue;
    const bodyStart = close + 1 + tail[0].length - 1;
    const bodyEnd = findClose(m, bodyStart);
    if (bodyEnd === -1) continue;
    const { params, selfParam } = parseRustParams(m.slice(i + 1, close));
    const impl = impls.filter((r) => r.start < match.index && match.index < r.end).pop();
    const inTestCode =
      testModules.some((r) => r.start < match.index && match.index < r.end) || hasTestAttribute(m, match.index);
    found.push({
      ...base(file, match[3] ?? '', match.index, bodyStart, bodyEnd),
      async: /\basync\b/.test(match[2] ?? ''),
      params,
      ...(tail[1] ? { returnType: tail[1].trim() } : {}),
      ...(impl ? { owner: { type: impl.type, pointer: false } } : {}),
      ...(selfParam ? { selfParam } : {}),
      ...(typeParams.length ? { typeParams } : {}),
      exported: Boolean(match[1]) && !inTestCode,
      inTestCode,
    });
  }
  return found;
}

/** `impl Type {…}` and `impl Trait for Type {…}` blocks with the implementing type's name. */
function rustImpls(m: string): (Range & { type: string })[] {
  const impls: (Range & { type: string })[] = [];
  for (const match of m.matchAll(RUST_IMPL)) {
    let i = skipSpace(m, match.index + match[0].length);
    if (m[i] === '<') i = findAngleClose(m, i) + 1;
    const open = m.indexOf('{', i);
    if (i <= 0 || open === -1) continue;
    const header = m.slice(i, open).replace(/\bwhere\b[\s\S]*$/, '');
    const target = header.split(/\s+for\s+/).pop() ?? header;
    const type = /(\w+)\s*(?:<[\s\S]*)?$/.exec(target.trim())?.[1];
    if (type) impls.push({ start: open, end: findClose(m, open), type });
  }
  return impls;
}

/** `#[test]`, `#[tokio::test]` and the like in the attribute lines just above `at`. */
function hasTestAttribute(m: string, at: number): boolean {
  const before = m.slice(Math.max(0, at - 400), at);
  const attributes = /((?:\s*#\[[^\]]*\])+)\s*$/.exec(before)?.[1] ?? '';
  return /#\[(?:\w+::)*test\b/.test(attributes);
}

function parseRustParams(text: string): { params: FunctionParam[]; selfParam?: FunctionInfo['selfParam'] } {
  const params: FunctionParam[] = [];
  let selfParam: FunctionInfo['selfParam'];
  splitTopLevel(text, ',', true).forEach((part, index) => {
    const self = /^(&\s*(?:'\w+\s+)?)?(mut\s+)?self\b/.exec(part);
    if (index === 0 && self) {
      selfParam = self[1] ? (self[2] ? 'mut' : 'ref') : 'value';
      return;
    }
    const colon = /(?<!:):(?!:)/.exec(part);
    const pattern = colon ? part.slice(0, colon.index).trim() : part;
    const type = colon ? part.slice(colon.index + 1).trim() : undefined;
    const name = /^(?:ref\s+)?(?:mut\s+)?(\w+)$/.exec(pattern)?.[1] ?? `arg${index + 1}`;
    params.push({ name: name === '_' ? `arg${index + 1}` : name, ...(type ? { type } : {}), rest: false, keywordOnly: false, optional: false });
  });
  return selfParam ? { params, selfParam } : { params };
}
