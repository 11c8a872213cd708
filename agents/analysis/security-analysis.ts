/**
 * `security_expert`'s analysis of code: the file's syntax tree lowered (`lower-*.ts`), the
 * taint interpreter run with the language's rules (`rules-*.ts`), and what it reaches turned
 * into findings with their CWE, source and sink.
 *
 * Severity follows the origin: untrusted input reaching a sink is critical (command and code
 * injection, unsafe deserialisation) or high (the other injection classes); a value of unknown
 * origin built into a query or a shell command is medium; a constant is not a finding.
 */
import { FindingCollector, type RuleInfo } from '../findings';
import type { Finding, Severity } from '../protocol';
import type { SourceFile } from '../source-file';
import type { SyntaxNode, SyntaxTree } from '../syntax/tree';
import type { FunctionIR, ModuleIR } from './ir';
import { lowerJava } from './lower-java';
import { lowerGo } from './lower-go';
import { lowerJavaScript } from './lower-js';
import { lowerPython } from './lower-python';
import { lowerRust } from './lower-rust';
import { javaRules } from './rules-java';
import { goRules } from './rules-go';
import { jsRules } from './rules-js';
import { pythonRules } from './rules-python';
import { suggestionFor } from './suggestions';
import { rustRules } from './rules-rust';
import { analyseModuleFully, Level, type Cwe, type LanguageRules, type TaintFinding } from './taint';

/** A language the taint analysis reads: how to lower its tree and its rules. */
interface TaintLanguage {
  lower(tree: SyntaxTree): ModuleIR;
  rules: LanguageRules;
}

const TAINT_LANGUAGES: Partial<Record<string, TaintLanguage>> = {
  python: { lower: lowerPython, rules: pythonRules },
  javascript: { lower: lowerJavaScript, rules: jsRules },
  typescript: { lower: lowerJavaScript, rules: jsRules },
  go: { lower: lowerGo, rules: goRules },
  rust: { lower: lowerRust, rules: rustRules },
  java: { lower: lowerJava, rules: javaRules },
};

/** What each class says in a finding. */
interface ClassInfo {
  title: string;
  /** Severity when untrusted input reaches the sink. */
  severity: Severity;
  harm: string;
  suggestion: string;
}

/** Titles, severities and advice per CWE (names from MITRE's CWE list). */
export const WEAKNESS_CLASSES: Record<string, ClassInfo> = {
  'CWE-89': { title: 'SQL injection', severity: 'high', harm: 'a quote in it changes the query', suggestion: 'Keep the SQL constant and pass values as parameters (placeholders such as %s, ?, $1).' },
  'CWE-78': { title: 'OS command injection', severity: 'critical', harm: 'shell metacharacters in it run commands of the attacker\'s choice', suggestion: 'Run the program with an argument list and no shell; never splice input into a command line (quote it for the shell if a shell is unavoidable).' },
  'CWE-94': { title: 'Code injection', severity: 'critical', harm: 'it runs as code with the rights of the process', suggestion: 'Never evaluate input: parse data with a data parser or dispatch on an allow list of names.' },
  'CWE-502': { title: 'Deserialisation of untrusted data', severity: 'critical', harm: 'a crafted payload builds objects that run code while it is read', suggestion: 'Read untrusted data with a data-only format (JSON, safe YAML loaders); sign what must round-trip.' },
  'CWE-22': { title: 'Path traversal', severity: 'high', harm: '`../` in it reaches files outside the intended folder', suggestion: 'Take the base name only, or resolve the path and check it stays under the base folder before opening it.' },
  'CWE-918': { title: 'Server-side request forgery (SSRF)', severity: 'high', harm: 'the server fetches any URL the attacker names, internal addresses included', suggestion: 'Check the URL\'s scheme and host against an allow list before fetching; never fetch a URL taken whole from the request.' },
  'CWE-601': { title: 'Open redirect', severity: 'high', harm: 'the site sends its users to any address the attacker names', suggestion: 'Redirect only to relative paths or to hosts on an allow list.' },
  'CWE-79': { title: 'Cross-site scripting (XSS)', severity: 'high', harm: 'markup in it runs as script in the victim\'s browser', suggestion: 'Escape the value for HTML (or render it with a template that escapes) or answer JSON.' },
  'CWE-611': { title: 'XML external entities (XXE)', severity: 'high', harm: 'a document with a DOCTYPE reads local files or internal URLs', suggestion: 'Parse with external entities and DTDs disabled (defusedxml, resolve_entities=False, disallow-doctype-decl).' },
  'CWE-643': { title: 'XPath injection', severity: 'high', harm: 'a quote in it changes the query', suggestion: 'Pass values as XPath variables ($name) instead of building the expression from strings.' },
  'CWE-90': { title: 'LDAP injection', severity: 'high', harm: '`*`, `(` and `)` in it change the search filter', suggestion: 'Escape values for LDAP filters (escape_filter_chars, filterEncode) or build filters with the library\'s filter objects.' },
  'CWE-501': { title: 'Trust boundary violation', severity: 'medium', harm: 'request data is stored in the session, where later code trusts it', suggestion: 'Validate the value before storing it in the session, or keep it out of the session.' },
  'CWE-328': { title: 'Weak hash used for passwords or secrets', severity: 'high', harm: 'MD5 and SHA-1 are fast to brute-force and broken for collisions', suggestion: 'Hash passwords with a slow, salted KDF (argon2, bcrypt, scrypt, PBKDF2); use HMAC-SHA-256 for tokens.' },
  'CWE-327': { title: 'Weak hash algorithm', severity: 'low', harm: 'MD5 and SHA-1 are broken for collision resistance; harmless for cache keys and checksums of trusted data', suggestion: 'Use SHA-256 or better for integrity; if this is not a security use, say so (usedforsecurity=False in Python).' },
  'CWE-330': { title: 'Weak randomness for a secret', severity: 'high', harm: 'a non-cryptographic generator is predictable from a few of its outputs', suggestion: 'Use a cryptographic generator: secrets.token_urlsafe, crypto.randomBytes, crypto/rand, SecureRandom.' },
  'CWE-614': { title: 'Cookie without the Secure flag', severity: 'medium', harm: 'the browser also sends it over plain HTTP, where it can be read', suggestion: 'Set the cookie with secure=True (and httponly, samesite).' },
};

const SEVERITY_FOR_UNKNOWN: Severity = 'medium';

/** A note that part of a file was not analysed: informational, so it never counts as an issue. */
const INCOMPLETE: RuleInfo = {
  id: 'analysis-incomplete',
  severity: 'info',
  title: 'Not fully analysed',
  description: 'Part of this file was not checked for injection.',
  suggestion: 'Review this code by hand, or split it into smaller functions.',
};

/**
 * Taint and pattern findings of one code file (empty for languages without taint rules).
 * @returns findings with `cwe`, and `source`/`sink` for those that follow input.
 */
export function analyseSecurity(file: SourceFile): Finding[] {
  const language = TAINT_LANGUAGES[file.language];
  const tree = file.tree;
  if (!language || !tree) return [];
  let reached: TaintFinding[];
  let incomplete: FunctionIR[];
  const out = new FindingCollector(file);
  try {
    const analysed = analyseModuleFully(language.lower(tree), language.rules, tree);
    // Most dangerous first: a sink reached by input and, in an earlier pass of a loop, by an
    // unknown value is reported once, as reached by input.
    reached = analysed.findings.sort((a, b) => b.level - a.level);
    incomplete = analysed.incomplete;
  } catch (err) {
    // Code nested deeper than the stack allows is not analysed, and the finding says so: the
    // task goes on, and nobody takes the file's silence for a clean bill.
    if (!(err instanceof RangeError)) throw err;
    out.addAtLine(INCOMPLETE, 1, { description: 'The file is nested deeper than the taint analysis can follow (a recursion limit was reached); its code was not checked for injection. Hard-coded secrets were still checked.' });
    return out.findings;
  }
  for (const fn of incomplete) {
    out.addAtLine(INCOMPLETE, tree.line(fn.node), { description: `The analysis of \`${fn.name}\` stopped at its work limit (deeply nested loops or a very long function): what comes later in it was not checked for injection.` });
  }
  for (const found of reached) {
    const info = WEAKNESS_CLASSES[found.hit.cwe];
    if (!info) continue;
    out.addAtLine(ruleInfo(found, info, file.language), tree.line(found.hit.node), details(found, info, tree));
  }
  return out.findings;
}

function ruleInfo(found: TaintFinding, info: ClassInfo, language: string): RuleInfo {
  return { id: found.hit.rule, severity: severityOf(found, info), title: info.title, description: info.harm, suggestion: suggestionFor(found.hit.cwe, language, info.suggestion) };
}

function severityOf(found: TaintFinding, info: ClassInfo): Severity {
  if (found.hit.pattern) return info.severity;
  return found.level === Level.Tainted ? info.severity : SEVERITY_FOR_UNKNOWN;
}

function codeAt(tree: SyntaxTree, node: SyntaxNode): string {
  const text = tree.textOf(node).split('\n')[0]!.trim();
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function details(found: TaintFinding, info: ClassInfo, tree: SyntaxTree): Partial<Finding> {
  const { hit } = found;
  const cwe: Cwe = hit.cwe;
  const sinkAt = { line: tree.line(hit.node), code: codeAt(tree, hit.node) };
  const severity = severityOf(found, info);
  if (hit.pattern) return { cwe, severity, sink: sinkAt, description: `${info.title}: ${info.harm}.` };
  const origin = hit.value.origin;
  if (found.level === Level.Tainted && origin) {
    const code = origin.code.split('\n')[0]!.trim();
    return {
      cwe,
      severity,
      source: { line: origin.line, code },
      sink: sinkAt,
      description: `Untrusted input (${origin.what}: \`${code}\`, line ${origin.line}) reaches ${hit.what} at line ${sinkAt.line} without being sanitised: ${info.harm}.`,
    };
  }
  return {
    cwe,
    severity,
    sink: sinkAt,
    title: `${info.title} risk`,
    description: `A value that is not a constant (its origin is not visible in this function) is built into ${hit.what}: if any part of it comes from input, ${info.harm}.`,
  };
}
