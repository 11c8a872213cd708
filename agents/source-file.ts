import { languageOf, type Language } from './source-language';
import { lowerBound } from './sorted-search';
import { findFunctions, type FunctionInfo } from './syntax/functions';
import { grammarOf, parseSource, type Grammar, type SyntaxTree } from './syntax/tree';

/** How many functions a file defines and how many of them other files can call. */
export interface FunctionCounts {
  functions: number;
  /** Exported and not test code. */
  exported: number;
}

/**
 * One file of the task with its views computed on first use, so agents that share a file
 * (the general agent runs every analysis) parse it and find its functions once. A file of a
 * checkout is read from disk when first needed, and `release()` drops what was computed, so
 * an agent going through thousands of files holds one file's text and tree at a time.
 */
export class SourceFile {
  readonly language: Language;
  private text?: string;
  private readonly load?: () => string;
  private starts?: number[];
  private lineFed?: string;
  private rawLines?: string[];
  private functionList?: FunctionInfo[];
  private syntaxTree?: SyntaxTree | null;
  private lineTotal?: number;
  private functionTotals?: FunctionCounts;

  /**
   * @param content the text, or a function that reads it (called on first use, and again
   *   after `release()`).
   */
  constructor(
    readonly path: string,
    content: string | (() => string),
  ) {
    this.language = languageOf(path);
    if (typeof content === 'string') this.text = content;
    else this.load = content;
  }

  /** The file's text (read on first use for a file of a checkout). */
  get content(): string {
    this.text ??= this.load!();
    return this.text;
  }

  /**
   * The text with every lone carriage return (classic Mac line ends) read as a line feed: what
   * the parser, the line numbers and the rules read. Same length as `content`, so an offset into
   * one is an offset into the other; `content` itself stays byte-exact.
   */
  get lineFedContent(): string {
    if (this.lineFed === undefined) {
      const text = this.content;
      this.lineFed = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
    }
    return this.lineFed;
  }

  /**
   * Drops the text (when it can be read again), the syntax tree and every view computed from
   * them; the line and function counts are kept. Called once an agent is done with the file.
   */
  release(): void {
    if (this.functionList) this.functionTotals ??= countFunctions(this.functionList);
    if (this.rawLines) this.lineTotal ??= this.lineCount;
    if (this.load) this.text = undefined;
    this.lineFed = undefined;
    this.starts = undefined;
    this.rawLines = undefined;
    this.functionList = undefined;
    this.syntaxTree = undefined;
  }

  /** Counts of the functions the file defines (kept after `release()`). */
  get functionCounts(): FunctionCounts {
    this.functionTotals ??= countFunctions(this.functions);
    return this.functionTotals;
  }

  /** The grammar that parses this file, or undefined for settings and unknown files. */
  get grammar(): Grammar | undefined {
    return grammarOf(this.language, this.path);
  }

  /**
   * The file's syntax tree (tree-sitter), or undefined for files no grammar reads. Parsed on
   * first use and kept while the file is.
   * @throws Error when the file's grammar was not loaded (`loadGrammars`) before.
   */
  get tree(): SyntaxTree | undefined {
    if (this.syntaxTree === undefined) {
      const grammar = this.grammar;
      this.syntaxTree = grammar ? parseSource(this.lineFedContent, grammar) : null;
    }
    return this.syntaxTree ?? undefined;
  }

  /** Lines of the original text, without line terminators. */
  get lines(): string[] {
    this.rawLines ??= this.lineFedContent.split('\n').map((l) => l.replace(/\r$/, ''));
    return this.rawLines;
  }

  /** Number of lines, not counting the empty "line" after a final newline (kept after `release()`). */
  get lineCount(): number {
    if (this.lineTotal !== undefined) return this.lineTotal;
    const lines = this.lines;
    this.lineTotal = this.lineFedContent.endsWith('\n') ? lines.length - 1 : lines.length;
    return this.lineTotal;
  }

  /**
   * The functions the file defines, from its syntax tree (`findFunctions`); none for files no
   * grammar reads.
   * @throws Error when the file's grammar was not loaded (`loadGrammars`) before.
   */
  get functions(): FunctionInfo[] {
    this.functionList ??= findFunctions(this);
    return this.functionList;
  }

  /** 1-based line of an offset into the text. */
  lineOf(offset: number): number {
    this.starts ??= lineStarts(this.lineFedContent);
    return Math.max(1, lowerBound(this.starts, offset + 1));
  }

  /** True for files that are tests themselves (by the usual naming conventions). */
  get isTestFile(): boolean {
    const p = this.path;
    return (
      /(^|\/)(__tests__|tests?|spec)\//.test(p) ||
      /\.(test|spec)\.[cm]?[jt]sx?$/.test(p) ||
      /(^|\/)test_[^/]*\.py$|_test\.py$/.test(p) ||
      /_test\.go$/.test(p) ||
      /Tests?\.java$/.test(p)
    );
  }
}

function countFunctions(functions: FunctionInfo[]): FunctionCounts {
  return { functions: functions.length, exported: functions.filter((f) => f.exported && !f.inTestCode).length };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
