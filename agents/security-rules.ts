/**
 * Static security rules for JavaScript/TypeScript, Python, Go and Rust (plus secrets in
 * settings files). Line-based regexes over the lexer's views: `masked` (no comments, no
 * string contents) for code structure, string tokens for literal values, so text inside
 * comments and strings never looks like code.
 *
 * What counts as a hard-coded secret:
 * - AWS access key IDs (`AKIA…`/`ASIA…`, except AWS's documented `…EXAMPLE` keys) and
 *   private key blocks, anywhere, comments included: their format alone proves them real.
 * - A literal assigned to a name that says password/secret/token/API key (and the like),
 *   unless the value is a placeholder: shorter than 6 characters, containing whitespace
 *   (a message, not a key), a reference (`${VAR}`, `%(x)s`, `<x>`, `{{x}}`), a URL or path,
 *   or a word like "changeme", "example", "placeholder", "dummy", "xxxx", "redacted", "your…".
 * - A high-entropy literal (≥ 20 characters, ≥ 3.5 bits per character, letters and digits)
 *   assigned to a weaker name (key, auth, signing, salt, session, dsn, …).
 * Test files are exempt from the assignment rules (fixtures set passwords on purpose), not
 * from the key-format rules.
 */
import { findClose, skipSpace } from './bracket-scan';
import { FindingCollector, type RuleInfo } from './findings';
import type { Finding } from './protocol';
import type { SourceFile } from './source-file';
import { isCodeLanguage, isJsFamily, type Language } from './source-language';
import type { StringToken } from './source-lexer';
import { lowerBound } from './sorted-search';
import { findSecrets } from './analysis/secrets';
import { analyseSecurity, hasTaintAnalysis } from './analysis/security-analysis';

export const SECURITY_RULES = {
  sqlInjection: {
    id: 'sql-injection',
    severity: 'high',
    title: 'SQL injection vulnerability',
    description: 'SQL text is built from values spliced into the query string; a value containing a quote changes the query.',
    suggestion: 'Use parameterized queries: keep the SQL constant and pass values as parameters.',
  },
  commandInjection: {
    id: 'command-injection',
    severity: 'critical',
    title: 'Command injection vulnerability',
    description: 'A shell command line is built from variable input; shell metacharacters in it run arbitrary commands.',
    suggestion: 'Run the program directly with an argument list and no shell; never splice input into a command line.',
  },
  shellFromVariable: {
    id: 'command-injection',
    severity: 'medium',
    title: 'Shell command taken from a variable',
    description: 'A command string is handed to a shell; if any part of it comes from input, that input can run commands.',
    suggestion: 'Run the program directly with an argument list and no shell, or make sure the string is a constant.',
  },
  codeInjection: {
    id: 'code-injection',
    severity: 'high',
    title: 'Code injection: dynamic code evaluation',
    description: 'Code built at run time is evaluated; input that reaches it runs with the full rights of the process.',
    suggestion: 'Do not evaluate strings as code: parse data with a real parser (JSON.parse, ast.literal_eval) or dispatch on known names.',
  },
  weakHash: {
    id: 'weak-hash',
    severity: 'low',
    title: 'Weak hash algorithm',
    description: 'MD5 and SHA-1 are broken for collision resistance. Harmless for cache keys and checksums of trusted data, not for anything an attacker can influence.',
    suggestion: 'Use SHA-256 or better for integrity; if this is not a security use, say so (e.g. usedforsecurity=False in Python).',
  },
  weakPasswordHash: {
    id: 'weak-hash',
    severity: 'high',
    title: 'Weak hash used for passwords or secrets',
    description: 'MD5/SHA-1 protect nothing here: they are fast to brute-force and broken for collisions.',
    suggestion: 'Hash passwords with a slow, salted KDF (argon2, bcrypt, scrypt); use SHA-256+/HMAC for tokens and signatures.',
  },
} as const satisfies Record<string, RuleInfo>;

const PARAMETERIZED_EXAMPLE: Record<string, string> = {
  javascript: "db.query('SELECT * FROM users WHERE id = $1', [id])",
  typescript: "db.query('SELECT * FROM users WHERE id = $1', [id])",
  python: 'cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))',
  go: 'db.Query("SELECT * FROM users WHERE id = $1", id)',
  rust: 'sqlx::query("SELECT * FROM users WHERE id = $1").bind(id)',
};

const NO_SHELL_EXAMPLE: Record<string, string> = {
  javascript: "execFile('git', ['log', branch])",
  typescript: "execFile('git', ['log', branch])",
  python: 'subprocess.run(["git", "log", branch], check=True)',
  go: 'exec.Command("git", "log", branch)',
  rust: 'Command::new("git").arg("log").arg(&branch)',
};

type Range = { start: number; end: number };
type ExpressionKind = 'empty' | 'literal' | 'built' | 'opaque';

/** One file's views plus the lookups the rules share. */
class SecurityScan {
  readonly collector: FindingCollector;
  readonly m: string;
  readonly code: string;
  readonly language: Language;
  /** Every string token by start; nested ones (inside a template's `${…}`) follow their template. */
  private readonly tokens: StringToken[];
  private readonly starts: number[];
  /** Tokens not inside another, which therefore never overlap. */
  private readonly outer: StringToken[];
  private readonly outerStarts: number[];
  private readonly tokenByStart = new Map<number, StringToken>();

  constructor(readonly file: SourceFile) {
    this.collector = new FindingCollector(file);
    this.m = file.lexed.masked;
    this.code = file.lexed.code;
    this.language = file.language;
    this.tokens = [...file.lexed.strings].sort((a, b) => a.start - b.start);
    this.starts = this.tokens.map((t) => t.start);
    this.outer = outermostTokens(this.tokens);
    this.outerStarts = this.outer.map((t) => t.start);
    for (const t of this.tokens) this.tokenByStart.set(t.start, t);
  }

  /** The string token starting at `offset` or right after the whitespace there. */
  tokenAt(offset: number): StringToken | undefined {
    return this.tokenByStart.get(skipSpace(this.m, offset));
  }

  /** String tokens inside a range, without those nested in another (JS template interpolations). */
  tokensIn(range: Range): StringToken[] {
    const inside: StringToken[] = [];
    for (let i = lowerBound(this.starts, range.start); i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (!t || t.start >= range.end) break;
      if (t.end <= range.end) inside.push(t);
    }
    return outermostTokens(inside);
  }

  /** Ranges of the top-level, comma-separated items between the bracket at `open` and its match. */
  items(open: number): Range[] {
    const close = findClose(this.m, open);
    if (close === -1) return [];
    const ranges: Range[] = [];
    let depth = 0;
    let from = open + 1;
    for (let i = open + 1; i <= close; i++) {
      const c = this.m[i] ?? '';
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && i !== close) depth--;
      else if ((c === ',' && depth === 0) || i === close) {
        if (this.m.slice(from, i).trim()) ranges.push({ start: skipSpace(this.m, from), end: i });
        from = i + 1;
      }
    }
    return ranges;
  }

  /**
   * Arguments of the call whose `(` ends `match`, or undefined when the match is a definition
   * of a function of that name (`def eval(self, x):`, a method `exec(cmd) {`).
   */
  callArgs(match: RegExpMatchArray): Range[] | undefined {
    const start = match.index ?? 0;
    const open = start + match[0].length - 1;
    if (/\b(?:def|fn|func|function)\s+$/.test(this.m.slice(Math.max(0, start - 20), start))) return undefined;
    const close = findClose(this.m, open);
    if (close !== -1 && /^\s*(?::[^;{}=()]*)?\{/.test(this.m.slice(close + 1, close + 200))) return undefined;
    return this.items(open);
  }

  text(range: Range): string {
    return this.m.slice(range.start, range.end);
  }

  /** The value of a range that is one string literal. */
  literalValue(range: Range): string | undefined {
    const kind = this.classify(range);
    return kind === 'literal' ? this.tokensIn(range)[0]?.value : undefined;
  }

  /**
   * What an expression is made of: a string literal, a string built from literals and
   * values (interpolation, `+`, `%`, `.format`, `fmt.Sprintf`, `format!`), or something
   * opaque (a variable or call whose contents the rule cannot see).
   */
  classify(range: Range): ExpressionKind {
    const text = this.text(range).trim();
    if (!text) return 'empty';
    const inner = this.tokensIn(range);
    if (inner.length === 0) return 'opaque';
    if (inner.some((t) => t.interpolated && !t.tagged)) return 'built';
    let rest = '';
    let cursor = range.start;
    for (const t of inner) {
      rest += this.m.slice(cursor, t.start) + ' ';
      cursor = t.end;
    }
    rest = (rest + this.m.slice(cursor, range.end)).trim();
    if (rest === '') return 'literal';
    const first = inner[0]?.value ?? '';
    if (/^&?\s*format!\s*\(/.test(text)) return hasRustPlaceholder(first) ? 'built' : 'literal';
    if (/^fmt\s*\.\s*Sprintf\s*\(/.test(text)) return /%[-+# 0-9.]*[a-zA-Z]/.test(first) && /,/.test(rest) ? 'built' : 'literal';
    if (/\+/.test(rest) && /[A-Za-z_$]/.test(rest.replace(/\.\s*\w+\s*\(\s*\)/g, ''))) return 'built';
    if (this.language === 'python' && /(?:^|\s)%\s*[\w([{]/.test(rest)) return 'built';
    if (/\.\s*(?:format|concat|join)\s*\(/.test(rest)) return 'built';
    // A literal wrapped in a conversion (`String::from("ls")`, `"ls".to_string()`) is still a constant.
    return /[A-Za-z_$]/.test(rest.replace(LITERAL_WRAPPERS, '')) ? 'opaque' : 'literal';
  }

  /** True when `offset` lies inside a string literal (not at its first character). */
  inString(offset: number): boolean {
    const candidate = this.outer[lowerBound(this.outerStarts, offset) - 1];
    return candidate !== undefined && offset < candidate.end;
  }
}

/** Tokens (sorted by start) that no other token in the list contains. */
function outermostTokens(sorted: StringToken[]): StringToken[] {
  const outer: StringToken[] = [];
  let end = -1;
  for (const t of sorted) {
    if (t.start < end) continue;
    outer.push(t);
    end = t.end;
  }
  return outer;
}

const LITERAL_WRAPPERS =
  /\bString\s*::\s*from\b|\.\s*(?:to_string|to_owned|into|as_str|as_ref|trim|strip|lower|upper|toLowerCase|toUpperCase)\s*\(\s*\)|\b(?:str|String)\b/g;

function hasRustPlaceholder(format: string): boolean {
  return /\{[^{}]*\}/.test(format.replace(/\{\{|\}\}/g, ''));
}

export function scanSecurity(file: SourceFile): Finding[] {
  if (file.language === 'other') return [];
  const secrets = findSecrets(file);
  if (!isCodeLanguage(file.language)) return secrets;
  const code = hasTaintAnalysis(file.language) ? analyseSecurity(file) : legacyRules(file);
  return [...code, ...secrets].sort((a, b) => a.line - b.line);
}

/** The regex rules, for languages the taint analysis does not read yet. */
function legacyRules(file: SourceFile): Finding[] {
  const scan = new SecurityScan(file);
  sqlInjection(scan);
  commandInjection(scan);
  codeInjection(scan);
  weakHashes(scan);
  return scan.collector.findings.map((f) => ({ ...f, cwe: LEGACY_CWE[f.rule_id] ?? (f.severity === 'high' ? 'CWE-328' : 'CWE-327') }));
}

const LEGACY_CWE: Record<string, string> = { 'sql-injection': 'CWE-89', 'command-injection': 'CWE-78', 'code-injection': 'CWE-94' };

// ---------------------------------------------------------------- SQL injection

/**
 * SQL shapes. All-caps SQL is taken at its keywords; lowercase SQL must look like a query
 * (`select a, b from t`, `delete from t where`), since "select a file from disk" and
 * "could not delete from cache" are English.
 */
const SQL_SHAPES = [
  /\b(?:SELECT\s[\s\S]*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|DELETE\s+FROM\s|REPLACE\s+INTO\s|MERGE\s+INTO\s|(?:DROP|ALTER|TRUNCATE)\s+TABLE\s|WHERE\s+\S+\s*(?:=|<|>|LIKE\b|IN\b)|ORDER\s+BY\s|GROUP\s+BY\s|VALUES\s*\()/,
  /\b(?:select\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+[\w.]+|insert\s+into\s+[\w.]+\s*(?:\(|values\b)|update\s+[\w.]+\s+set\s+[\w.]+\s*=|delete\s+from\s+[\w.]+\s+where\b|(?:drop|alter|truncate)\s+table\s|where\s+[\w.]+\s*(?:=|<|>|like\b|in\b))/,
];

function looksLikeSql(value: string): boolean {
  return SQL_SHAPES.some((re) => re.test(value + ' '));
}

function sqlInjection(scan: SecurityScan): void {
  const { m } = scan;
  const example = PARAMETERIZED_EXAMPLE[scan.language] ?? '';
  for (const token of scan.file.lexed.strings) {
    if (token.tagged || !looksLikeSql(token.value)) continue;
    const how = sqlConstruction(scan, token);
    if (!how) continue;
    scan.collector.add(SECURITY_RULES.sqlInjection, token.start, {
      description: `SQL text is built by ${how}; a value containing a quote changes the query.`,
      suggestion: `Use parameterized queries: keep the SQL constant and pass values separately, e.g. ${example}.`,
    });
  }
  function sqlConstruction(s: SecurityScan, token: StringToken): string | undefined {
    if (token.interpolated) return s.language === 'python' ? 'f-string interpolation' : 'template literal interpolation';
    const before = m.slice(Math.max(0, token.start - 200), token.start);
    const after = m.slice(token.end, token.end + 200);
    if (/^\s*\+(?![+=])\s*[A-Za-z_$(]/.test(after) || /[\w$)\]]\s*\+\s*$/.test(before)) return 'string concatenation';
    if (s.language === 'python') {
      if (/^\s*%\s*[\w([{]/.test(after) && /%[sr(]/.test(token.value)) return '%-formatting';
      if (/^\s*\.\s*format\s*\(/.test(after)) return 'str.format';
    }
    if (isJsFamily(s.language) && /^\s*\.\s*concat\s*\(/.test(after)) return 'string concatenation';
    if (s.language === 'go' && /\bfmt\s*\.\s*Sprintf\s*\(\s*$/.test(before) && /%[-+# 0-9.]*[svq]/.test(token.value)) {
      return 'fmt.Sprintf';
    }
    if (s.language === 'rust' && /\bformat!\s*\(\s*$/.test(before) && hasRustPlaceholder(token.value)) return 'format!';
    return undefined;
  }
}

// ---------------------------------------------------------------- command injection

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)$/;
const SHELL_FLAG = /^(?:-c|\/c|\/C|-Command)$/;

function commandInjection(scan: SecurityScan): void {
  switch (scan.language) {
    case 'javascript':
    case 'typescript':
      jsCommands(scan);
      break;
    case 'python':
      pythonCommands(scan);
      break;
    case 'go':
      goCommands(scan);
      break;
    case 'rust':
      rustCommands(scan);
      break;
  }
}

/** Reports a command string by what it is made of: built from input (critical) or a variable (medium). */
function reportCommand(scan: SecurityScan, range: Range, detail: string): void {
  const kind = scan.classify(range);
  if (kind !== 'built' && kind !== 'opaque') return;
  const example = NO_SHELL_EXAMPLE[scan.language] ?? '';
  const rule = kind === 'built' ? SECURITY_RULES.commandInjection : SECURITY_RULES.shellFromVariable;
  scan.collector.add(rule, range.start, {
    description: `${detail}: ${rule.description}`,
    suggestion: `${rule.suggestion} For example ${example}.`,
  });
}

/** `sh -c <command>` in an argument list: the command after the flag goes through a shell. */
function shellCommandArgument(scan: SecurityScan, args: Range[]): Range | undefined {
  const program = args[0] && scan.literalValue(args[0]);
  const flag = args[1] && scan.literalValue(args[1]);
  if (program === undefined || flag === undefined || !SHELLS.test(program) || !SHELL_FLAG.test(flag)) return undefined;
  return args[2];
}

const JS_EXEC = /(?:(?<![\w$.])|\b(?:child_process|childProcess|cp)\s*\.\s*)(exec|execSync)\s*\(/g;
const JS_SPAWN = /(?<![\w$])(?:(?:child_process|childProcess|cp)\s*\.\s*)?(spawn|spawnSync|execFile|execFileSync)\s*\(/g;

/** A file that never mentions child_process has its own `exec`/`spawn` (a database's, say). */
const CHILD_PROCESS = /['"`](?:node:)?child_process['"`]/;

function jsCommands(scan: SecurityScan): void {
  const { m } = scan;
  if (!CHILD_PROCESS.test(scan.code)) return;
  for (const match of m.matchAll(JS_EXEC)) {
    const command = scan.callArgs(match)?.[0];
    if (command) reportCommand(scan, command, `${match[1]}() runs its argument through a shell`);
  }
  for (const match of m.matchAll(JS_SPAWN)) {
    const args = scan.callArgs(match) ?? [];
    const [program, list] = args;
    if (!program) continue;
    if (args.some((a) => /\bshell\s*:\s*true\b/.test(scan.text(a)))) {
      reportCommand(scan, program, `${match[1]}() with shell: true runs its command through a shell`);
      continue;
    }
    if (list && m[list.start] === '[') {
      const command = shellCommandArgument(scan, [program, ...scan.items(list.start)]);
      if (command) reportCommand(scan, command, `${match[1]}() starts a shell with -c`);
    }
  }
}

const PY_OS_SHELL = /\bos\s*\.\s*(system|popen)\s*\(/g;
const PY_SUBPROCESS = /\bsubprocess\s*\.\s*(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\s*\(/g;

function pythonCommands(scan: SecurityScan): void {
  for (const match of scan.m.matchAll(PY_OS_SHELL)) {
    const command = scan.callArgs(match)?.[0];
    if (command) reportCommand(scan, command, `os.${match[1]}() runs its argument through a shell`);
  }
  for (const match of scan.m.matchAll(PY_SUBPROCESS)) {
    const args = scan.callArgs(match) ?? [];
    const command = args[0];
    if (!command) continue;
    const alwaysShell = match[1] === 'getoutput' || match[1] === 'getstatusoutput';
    if (alwaysShell || args.slice(1).some((a) => /^shell\s*=\s*True\b/.test(scan.text(a)))) {
      reportCommand(scan, command, `subprocess.${match[1]}() runs its command through a shell`);
    } else if (scan.m[command.start] === '[') {
      const inner = shellCommandArgument(scan, scan.items(command.start));
      if (inner) reportCommand(scan, inner, `subprocess.${match[1]}() starts a shell with -c`);
    }
  }
}

const GO_COMMAND = /\bexec\s*\.\s*Command(Context)?\s*\(/g;

function goCommands(scan: SecurityScan): void {
  for (const match of scan.m.matchAll(GO_COMMAND)) {
    const args = (scan.callArgs(match) ?? []).slice(match[1] ? 1 : 0);
    const command = shellCommandArgument(scan, args);
    if (command) reportCommand(scan, command, 'exec.Command starts a shell with -c');
  }
}

const RUST_COMMAND = /\bCommand\s*::\s*new\s*\(/g;

/** `Command::new("sh").arg("-c").arg(cmd)` and `.args(["-c", &cmd])` along the builder chain. */
function rustCommands(scan: SecurityScan): void {
  const { m } = scan;
  for (const match of m.matchAll(RUST_COMMAND)) {
    const open = match.index + match[0].length - 1;
    const program = scan.items(open)[0];
    const programValue = program && scan.literalValue(program);
    if (!program || programValue === undefined || !SHELLS.test(programValue)) continue;
    const args: Range[] = [program];
    let cursor = findClose(m, open) + 1;
    for (;;) {
      const call = /^\s*\.\s*(\w+)\s*(?:::<[^>]*>)?\s*\(/.exec(m.slice(cursor, cursor + 200));
      if (!call || cursor === 0) break;
      const callOpen = cursor + call[0].length - 1;
      const callArgs = scan.items(callOpen);
      if (call[1] === 'arg' && callArgs[0]) args.push(callArgs[0]);
      if (call[1] === 'args' && callArgs[0]) {
        const list = m.slice(callArgs[0].start).match(/^&?\s*(?:vec!\s*)?\[/);
        if (list) args.push(...scan.items(callArgs[0].start + list[0].length - 1));
      }
      cursor = findClose(m, callOpen) + 1;
    }
    const flagAt = args.findIndex((a, i) => i > 0 && SHELL_FLAG.test(scan.literalValue(a) ?? ''));
    const command = flagAt === -1 ? undefined : args[flagAt + 1];
    if (command) reportCommand(scan, command, `Command::new("${programValue}") runs its -c argument through a shell`);
  }
}

// ---------------------------------------------------------------- eval

const JS_EVAL = /(?<![\w$.])eval\s*\(/g;
const JS_NEW_FUNCTION = /\bnew\s+Function\s*\(/g;
const JS_VM = /\bvm\s*\.\s*(?:runInNewContext|runInThisContext|runInContext|compileFunction)\s*\(|\bnew\s+vm\s*\.\s*Script\s*\(/g;
const PY_EVAL = /(?<![\w.])(eval|exec)\s*\(/g;

function codeInjection(scan: SecurityScan): void {
  const report = (match: RegExpMatchArray, what: string, everyArgument: boolean): void => {
    const args = scan.callArgs(match) ?? [];
    const dynamic = (everyArgument ? args : args.slice(0, 1)).find((a) => {
      const kind = scan.classify(a);
      return kind === 'built' || kind === 'opaque';
    });
    if (dynamic) {
      scan.collector.add(SECURITY_RULES.codeInjection, dynamic.start, {
        description: `${what} evaluates code that is not a constant: ${SECURITY_RULES.codeInjection.description}`,
      });
    }
  };
  if (isJsFamily(scan.language)) {
    for (const match of scan.m.matchAll(JS_EVAL)) report(match, 'eval()', false);
    for (const match of scan.m.matchAll(JS_NEW_FUNCTION)) report(match, 'new Function()', true);
    for (const match of scan.m.matchAll(JS_VM)) report(match, 'The vm module', false);
  }
  if (scan.language === 'python') {
    for (const match of scan.m.matchAll(PY_EVAL)) report(match, `${match[1]}()`, false);
  }
}

// ---------------------------------------------------------------- weak hashes

const WEAK_HASH: Partial<Record<Language, RegExp>> = {
  javascript: /\bcreateHash\s*\(\s*(['"`])(?:md4|md5|sha1|ripemd160|rsa-md5|rsa-sha1)\1|\.digest\s*\(\s*(['"`])SHA-1\2/gi,
  typescript: /\bcreateHash\s*\(\s*(['"`])(?:md4|md5|sha1|ripemd160|rsa-md5|rsa-sha1)\1|\.digest\s*\(\s*(['"`])SHA-1\2/gi,
  python: /\bhashlib\s*\.\s*(?:md5|sha1)\b|\bhashlib\s*\.\s*new\s*\(\s*(['"])(?:md5|sha1)\1/g,
  go: /\b(?:md5|sha1)\s*\.\s*(?:New|Sum)\s*\(/g,
  rust: /\b(?:Md5|Sha1)\s*::\s*(?:new|digest|default)\s*\(|\bmd5\s*::\s*compute\s*\(/g,
};
/** Words on a hash call's line or in its function's signature that make it a security use. */
const SECURITY_CONTEXT = /passw|\bpwd\b|secret|token|credential|auth|login|signature|\bsign|session|api.?key|salt/i;

function weakHashes(scan: SecurityScan): void {
  const pattern = WEAK_HASH[scan.language];
  if (!pattern) return;
  const lines = scan.file.lines;
  for (const match of scan.code.matchAll(pattern)) {
    if (scan.language === 'python' && /usedforsecurity\s*=\s*False/.test(scan.m.slice(match.index, match.index + 300).split('\n')[0] ?? '')) {
      continue;
    }
    const line = scan.file.lineOf(match.index);
    const enclosing = scan.file.functions.filter((f) => f.line <= line && line <= f.endLine).pop();
    const nearby = [lines[line - 1], enclosing && lines[enclosing.line - 1]].join('\n');
    scan.collector.add(SECURITY_CONTEXT.test(nearby) ? SECURITY_RULES.weakPasswordHash : SECURITY_RULES.weakHash, match.index);
  }
}
