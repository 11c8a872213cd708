import type { Language } from './source-language';

/** A string literal; offsets index the original text. */
export interface StringToken {
  /** First character of the literal, including any prefix (`f"`, `r#"`, `b'`). */
  start: number;
  /** One past the closing quote. */
  end: number;
  contentStart: number;
  contentEnd: number;
  /** The raw text between the quotes, interpolations included. */
  value: string;
  /** A JS template with `${…}` or a Python f-string with `{…}`: values are spliced in. */
  interpolated: boolean;
  /** A tagged JS template (sql`…`): the tag function receives the values separately. */
  tagged: boolean;
}

export interface CommentToken {
  start: number;
  end: number;
  text: string;
}

/**
 * Views of one source text with identical offsets, so a rule can match on the view that
 * suits it and report the original line.
 */
export interface LexedSource {
  /** Comments blanked (newlines kept); strings intact. */
  code: string;
  /** Comments and the contents of strings and regex literals blanked; quotes kept. */
  masked: string;
  strings: StringToken[];
  comments: CommentToken[];
}

/** Collects tokens and blanks characters in the two views while a language scanner walks the text. */
class LexBuilder {
  readonly code: string[];
  readonly masked: string[];
  readonly strings: StringToken[] = [];
  readonly comments: CommentToken[] = [];

  constructor(readonly text: string) {
    this.code = text.split('');
    this.masked = text.split('');
  }

  blank(view: string[], from: number, to: number): void {
    for (let k = from; k < to; k++) if (view[k] !== '\n') view[k] = ' ';
  }

  /** A comment from `start` to `end` (exclusive). Returns `end`. */
  comment(start: number, end: number): number {
    this.comments.push({ start, end, text: this.text.slice(start, end) });
    this.blank(this.code, start, end);
    this.blank(this.masked, start, end);
    return end;
  }

  lineComment(start: number): number {
    const newline = this.text.indexOf('\n', start);
    return this.comment(start, newline === -1 ? this.text.length : newline);
  }

  /** `/* … *\/`, nested when the language allows it (Rust). */
  blockComment(start: number, nested: boolean): number {
    const text = this.text;
    let depth = 0;
    let i = start;
    while (i < text.length) {
      if (text.startsWith('/*', i)) {
        depth++;
        i += 2;
      } else if (text.startsWith('*/', i)) {
        depth--;
        i += 2;
        if (depth === 0 || !nested) break;
      } else {
        i++;
      }
    }
    return this.comment(start, Math.min(i, text.length));
  }

  string(token: Omit<StringToken, 'value'>, maskContent = true): number {
    this.strings.push({ ...token, value: this.text.slice(token.contentStart, token.contentEnd) });
    if (maskContent) this.blank(this.masked, token.contentStart, token.contentEnd);
    return token.end;
  }

  /**
   * A quoted literal whose quote character is at `quoteAt`. Backslash escapes unless `raw`;
   * ends at a newline unless `multiline`, so a stray quote (an apostrophe in JSX text, say)
   * spoils one line, not the rest of the file.
   */
  quoted(start: number, quoteAt: number, quote: string, options: { multiline: boolean; raw?: boolean }): number {
    const text = this.text;
    let i = quoteAt + quote.length;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && !options.raw) {
        i += 2;
        continue;
      }
      if (text.startsWith(quote, i)) {
        return this.string({ start, end: i + quote.length, contentStart: quoteAt + quote.length, contentEnd: i, interpolated: false, tagged: false });
      }
      if (c === '\n' && !options.multiline) break;
      i++;
    }
    return this.string({ start, end: i, contentStart: quoteAt + quote.length, contentEnd: i, interpolated: false, tagged: false });
  }

  result(): LexedSource {
    return { code: this.code.join(''), masked: this.masked.join(''), strings: this.strings, comments: this.comments };
  }
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$]/;

function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && IDENT_PART.test(text[i] ?? '')) i++;
  return i;
}

/** Words after which a `/` starts a regex literal rather than a division, and a template is not tagged. */
const JS_OPERATOR_WORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'export', 'default',
]);
const JS_REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';

function lexJavaScript(text: string): LexedSource {
  const out = new LexBuilder(text);
  let lastSig = '';
  let lastWord = '';

  const regexAllowed = (): boolean =>
    lastSig === '' || JS_REGEX_AFTER.includes(lastSig) || JS_OPERATOR_WORDS.has(lastWord);

  /** A regex literal at `start`, or -1 when the slash cannot start one on this line. */
  const scanRegex = (start: number): number => {
    let i = start + 1;
    let inClass = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') return -1;
      if (c === '\\') i += 2;
      else {
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        i++;
      }
    }
    out.blank(out.masked, start + 1, i);
    return wordEnd(text, i + 1);
  };

  const scanTemplate = (start: number): number => {
    const tagged = /[\w$]/.test(lastSig) && !JS_OPERATOR_WORDS.has(lastWord);
    let i = start + 1;
    let segment = i;
    let interpolated = false;
    while (i < text.length && text[i] !== '`') {
      if (text[i] === '\\') {
        i += 2;
      } else if (text.startsWith('${', i)) {
        interpolated = true;
        out.blank(out.masked, segment, i);
        lastSig = '{';
        lastWord = '';
        i = scanCode(i + 2, true) + 1;
        segment = i;
      } else {
        i++;
      }
    }
    const contentEnd = Math.min(i, text.length);
    out.blank(out.masked, segment, contentEnd);
    return out.string({ start, end: Math.min(i + 1, text.length), contentStart: start + 1, contentEnd, interpolated, tagged }, false);
  };

  /** Scans code from `start`; inside `${…}` returns the index of the closing brace. */
  function scanCode(start: number, inInterpolation: boolean): number {
    let depth = 0;
    let i = start;
    while (i < text.length) {
      const c = text[i] ?? '';
      const next = text[i + 1];
      if (c === '/' && next === '/') {
        i = out.lineComment(i);
      } else if (c === '/' && next === '*') {
        i = out.blockComment(i, false);
      } else if (c === '"' || c === "'") {
        i = out.quoted(i, i, c, { multiline: false });
        lastSig = c;
        lastWord = '';
      } else if (c === '`') {
        i = scanTemplate(i);
        lastSig = '`';
        lastWord = '';
      } else if (c === '/' && regexAllowed()) {
        // A slash that cannot close a regex on its line is a division after all.
        const end = scanRegex(i);
        i = end === -1 ? i + 1 : end;
        lastSig = '/';
        lastWord = '';
      } else if (IDENT_START.test(c)) {
        const end = wordEnd(text, i);
        lastWord = text.slice(i, end);
        lastSig = text[end - 1] ?? '';
        i = end;
      } else {
        if (inInterpolation && c === '{') depth++;
        if (inInterpolation && c === '}') {
          if (depth === 0) return i;
          depth--;
        }
        if (!/\s/.test(c)) {
          lastSig = c;
          lastWord = '';
        }
        i++;
      }
    }
    return i;
  }

  scanCode(0, false);
  return out.result();
}

const PY_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

function lexPython(text: string): LexedSource {
  const out = new LexBuilder(text);
  let i = 0;
  const stringAt = (start: number, quoteAt: number, prefix: string): number => {
    const q = text[quoteAt] ?? '"';
    const quote = text.startsWith(q.repeat(3), quoteAt) ? q.repeat(3) : q;
    // Even raw strings let a backslash keep a quote from closing them, so escapes are always skipped.
    const end = out.quoted(start, quoteAt, quote, { multiline: quote.length === 3 });
    const token = out.strings[out.strings.length - 1];
    if (token && /f/i.test(prefix)) token.interpolated = /\{/.test(token.value.replace(/\{\{|\}\}/g, ''));
    return end;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '#') {
      i = out.lineComment(i);
    } else if (c === '"' || c === "'") {
      i = stringAt(i, i, '');
    } else if (IDENT_START.test(c)) {
      const end = wordEnd(text, i);
      const word = text.slice(i, end);
      const after = text[end];
      i = (after === '"' || after === "'") && PY_PREFIX.test(word) ? stringAt(i, end, word) : end;
    } else {
      i++;
    }
  }
  return out.result();
}

function lexGo(text: string): LexedSource {
  const out = new LexBuilder(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') i = out.lineComment(i);
    else if (c === '/' && text[i + 1] === '*') i = out.blockComment(i, false);
    else if (c === '"' || c === "'") i = out.quoted(i, i, c, { multiline: false });
    else if (c === '`') i = out.quoted(i, i, '`', { multiline: true, raw: true });
    else i++;
  }
  return out.result();
}

function lexRust(text: string): LexedSource {
  const out = new LexBuilder(text);
  let i = 0;
  /** `r"…"`, `r#"…"#`, `br##"…"##` with `hashesAt` at the first `#` or the quote. */
  const rawString = (start: number, hashesAt: number): number => {
    let quoteAt = hashesAt;
    while (text[quoteAt] === '#') quoteAt++;
    if (text[quoteAt] !== '"') return hashesAt;
    const closing = '"' + '#'.repeat(quoteAt - hashesAt);
    const close = text.indexOf(closing, quoteAt + 1);
    const contentEnd = close === -1 ? text.length : close;
    const end = close === -1 ? text.length : close + closing.length;
    return out.string({ start, end, contentStart: quoteAt + 1, contentEnd, interpolated: false, tagged: false });
  };
  /** `'a'`, `'\n'`, `'\u{1F600}'` are characters; `'a` in `&'a str` is a lifetime. */
  const charOrLifetime = (start: number, quoteAt: number): number => {
    if (text[quoteAt + 1] === '\\') {
      const close = text.indexOf("'", quoteAt + 2);
      if (close !== -1 && close - quoteAt < 12) {
        return out.string({ start, end: close + 1, contentStart: quoteAt + 1, contentEnd: close, interpolated: false, tagged: false });
      }
    }
    const codePoint = text.codePointAt(quoteAt + 1) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    if (text[quoteAt + 1 + width] === "'") {
      return out.string({ start, end: quoteAt + 2 + width, contentStart: quoteAt + 1, contentEnd: quoteAt + 1 + width, interpolated: false, tagged: false });
    }
    return quoteAt + 1;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '/' && text[i + 1] === '/') {
      i = out.lineComment(i);
    } else if (c === '/' && text[i + 1] === '*') {
      i = out.blockComment(i, true);
    } else if (c === '"') {
      i = out.quoted(i, i, '"', { multiline: true });
    } else if (c === "'") {
      i = charOrLifetime(i, i);
    } else if (IDENT_START.test(c)) {
      const end = wordEnd(text, i);
      const word = text.slice(i, end);
      const after = text[end];
      if ((word === 'r' || word === 'br') && (after === '"' || after === '#')) i = rawString(i, end);
      else if (word === 'b' && after === '"') i = out.quoted(i, end, '"', { multiline: true });
      else if (word === 'b' && after === "'") i = charOrLifetime(i, end);
      else i = end;
    } else {
      i++;
    }
  }
  return out.result();
}

/** `#` comments (dotenv, YAML, TOML, INI) and quoted values. JSON has neither comments nor `#` outside strings. */
function lexConfig(text: string): LexedSource {
  const out = new LexBuilder(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) i = out.lineComment(i);
    else if (c === '"' || c === "'") i = out.quoted(i, i, c, { multiline: false });
    else i++;
  }
  return out.result();
}

export function lexSource(text: string, language: Language): LexedSource {
  switch (language) {
    case 'javascript':
    case 'typescript':
    case 'java':
      return lexJavaScript(text);
    case 'python':
      return lexPython(text);
    case 'go':
      return lexGo(text);
    case 'rust':
      return lexRust(text);
    case 'config':
      return lexConfig(text);
    case 'other':
      return { code: text, masked: text, strings: [], comments: [] };
  }
}
