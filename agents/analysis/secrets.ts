/**
 * Hard-coded credentials (CWE-798) and key material in source and settings files.
 *
 * What counts as a hard-coded secret:
 * - AWS access key IDs (`AKIA…`/`ASIA…`, except AWS's documented `…EXAMPLE` keys) and
 *   private key blocks, anywhere, comments included: their format alone proves them real.
 * - A string literal bound to a name that says password/secret/token/API key (and the like):
 *   assigned to it, passed as that keyword argument, stored under that key, compared with it
 *   (`password == "…"`), or passed as the credential of a login/bind/auth call; unless the
 *   value is a placeholder: shorter than 6 characters, containing whitespace (a message, not a
 *   key), a reference (`${VAR}`, `%(x)s`, `<x>`, `{{x}}`), a URL or path, or a word like
 *   "changeme", "example", "placeholder", "dummy", "xxxx", "redacted", "your…".
 * - A high-entropy literal (≥ 20 characters, ≥ 3.5 bits per character, letters and digits)
 *   bound to a weaker name (key, auth, signing, salt, session, dsn, …).
 * Test files are exempt from the name rules (fixtures set passwords on purpose), not from the
 * key-format rules. Code files are read through their syntax tree (comments and strings are
 * never mistaken for code); settings files (.env, YAML, JSON, TOML, INI) line by line.
 */
import { FindingCollector, type RuleInfo } from '../findings';
import type { Finding } from '../protocol';
import type { SourceFile } from '../source-file';
import { field, named, walk, type SyntaxNode, type SyntaxTree } from '../syntax/tree';

export const SECRET_RULES = {
  awsAccessKey: {
    id: 'hardcoded-aws-key',
    severity: 'critical',
    title: 'Hard-coded AWS access key',
    description: 'An AWS access key ID is written into the source; with its secret it grants access to the AWS account.',
    suggestion: 'Revoke the key in IAM, remove it from the code and history, and load credentials from the environment or a secrets manager.',
  },
  privateKey: {
    id: 'hardcoded-private-key',
    severity: 'critical',
    title: 'Private key in source',
    description: 'A private key block is committed with the code; anyone who can read the repository holds the key.',
    suggestion: 'Revoke and rotate the key, remove it from the repository history, and load it from a secrets store at run time.',
  },
  hardcodedSecret: {
    id: 'hardcoded-secret',
    severity: 'high',
    title: 'Hard-coded credential',
    description: 'A credential is written into the source as a literal, where everyone with access to the code can read it.',
    suggestion: 'Load the value from the environment or a secrets manager and rotate the exposed credential.',
  },
} as const satisfies Record<string, RuleInfo>;

const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
const PRIVATE_KEY = /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g;

const STRONG_SECRET_NAME =
  /(?:^|_)(?:password|passwd|pwd|pass|passphrase|secret|token|api_?key|apikey|access_?key|secret_?key|private_?key|client_?secret|auth_?token|credentials?)(?:_|$)/;
const WEAK_SECRET_NAME = /(?:^|_)(?:key|auth|cred|signing|signature|salt|seed|session|cookie|bearer|jwt|hmac|dsn|conn(?:ection)?_?str(?:ing)?)(?:_|$)/;
/** Names about a secret rather than holding one. */
const NOT_A_SECRET_NAME =
  /_(?:url|uri|path|file|dir|name|type|field|label|header|prefix|suffix|env|var|length|len|id|regex|pattern|placeholder|hint|message|msg|error|endpoint|format|policy|min|max|count|expiry|expires|ttl|timeout|param|mode|kind|version|size|algorithm|alg|method|scope|scopes)$/;
const PLACEHOLDER_WORDS = /change.?me|change.?it|example|placeholder|dummy|fake|sample|redacted|xxxx|\*{3}|your[_-]|^<.*>$|^\$\{.*\}$|^\$[A-Z_]+$|^\{\{.*\}\}$|^%\(?\w*\)?s$|^(?:none|null|nil|undefined|default|empty|test|testing|secret|password|token|true|false)$/i;
/** Calls whose non-first string arguments are credentials (`smtp.login(user, "…")`, `new BasicAuth("u", "…")`). */
const CREDENTIAL_CALL = /(?:^|[._:])(?:login|log_in|authenticate|auth|simple_bind_s|simple_bind|bind|bind_s|basic_auth|basicAuth|HTTPBasicAuth|BasicAuth|setBasicAuth|withCredentials|PasswordAuthentication|UsernamePasswordCredentials|UsernamePasswordAuthenticationToken|SetBasicAuth|connect|PlainAuth|CRAMMD5Auth|getConnection|NewStaticCredentials|NewStaticCredentialsProvider|AwsBasicCredentials\.create|BasicAWSCredentials|StaticCredentialsProvider)$/;
/** Calls whose string argument at the given position is a signing or encryption key (`jwt.sign(payload, "…")`, `new SecretKeySpec("…".getBytes(), …)`). */
const KEY_CALLS: [RegExp, number][] = [
  [/(?:^|\.)(?:jwt|jsonwebtoken|jose|JWT)\.(?:sign|verify|decode|encode)$|^(?:sign|verify)$/, 1],
  [/(?:^|[.:])(?:hmacShaKeyFor|SecretKeySpec|createHmac|createCipheriv|HS256|HS512|HmacKey|Hmac::new_from_slice|new_from_slice|hmac\.new|hmac\.New|NewCipher|from_secret|EncodingKey::from_secret|DecodingKey::from_secret)$/, 0],
];
/** A connection URL with a password in it: `postgres://user:password@host/db`. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:([^@\s/]+)@/i;

/** Literal node types per grammar: plain string literals (interpolating ones are not constants). */
const STRING_TYPES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal', 'string_literal', 'text_block']);
/** Nodes a literal passes through on its way to the name it is bound to (`[]byte("…")`, `String::from("…")`, `"…".to_string()`). */
const WRAPPERS = new Set(['parenthesized_expression', 'expression_list', 'type_conversion_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'concatenated_string', 'reference_expression', 'arguments', 'argument_list', 'call_expression', 'call', 'method_invocation', 'field_expression', 'literal_value', 'element', 'array_creation_expression']);

function snakeName(name: string): string {
  const last = name.split(/[.:]/).pop() ?? name;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
}

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

function isPlaceholder(value: string, name: string): boolean {
  return (
    value.length < 6 ||
    /\s/.test(value) ||
    PLACEHOLDER_WORDS.test(value) ||
    /^(.)\1*$/.test(value) ||
    value.toLowerCase() === name.toLowerCase() ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ||
    /^(?:\.{0,2}\/|~\/)/.test(value) ||
    /\.(?:json|pem|key|crt|txt|ya?ml|env|p12)$/i.test(value)
  );
}

function isHighEntropy(value: string): boolean {
  return value.length >= 20 && /[A-Za-z]/.test(value) && /\d/.test(value) && entropy(value) >= 3.5;
}

/**
 * Secret findings of one file (code or settings), each with `cwe: 'CWE-798'` (key formats
 * included: a committed key is a hard-coded credential).
 */
export function findSecrets(file: SourceFile): Finding[] {
  const out = new FindingCollector(file);
  const text = file.lineFedContent;
  for (const match of text.matchAll(AWS_ACCESS_KEY)) {
    if (!match[0].endsWith('EXAMPLE')) out.add(SECRET_RULES.awsAccessKey, match.index, { cwe: 'CWE-798' });
  }
  for (const match of text.matchAll(PRIVATE_KEY)) out.add(SECRET_RULES.privateKey, match.index, { cwe: 'CWE-798' });
  if (!file.isTestFile) {
    const report = (name: string, value: string, offset: number) => credential(out, name, value, offset);
    if (file.language === 'config') configSecrets(text, report);
    else {
      const tree = file.tree;
      if (tree) codeSecrets(tree, report);
    }
  }
  return out.findings;
}

function credential(out: FindingCollector, name: string, value: string, offset: number): void {
  const snake = snakeName(name);
  const strong = STRONG_SECRET_NAME.test(snake);
  if ((!strong && !WEAK_SECRET_NAME.test(snake)) || NOT_A_SECRET_NAME.test(snake)) return;
  // An AWS key ID is already reported by its own rule.
  if (isPlaceholder(value, name) || /^(?:AKIA|ASIA)[0-9A-Z]{16}$/.test(value)) return;
  const highEntropy = isHighEntropy(value);
  if (!strong && !highEntropy) return;
  out.add(SECRET_RULES.hardcodedSecret, offset, {
    cwe: 'CWE-798',
    title: highEntropy && !strong ? 'High-entropy secret assigned to a credential name' : SECRET_RULES.hardcodedSecret.title,
    description: `\`${name}\` is given a literal ${highEntropy ? 'high-entropy ' : ''}value. ${SECRET_RULES.hardcodedSecret.description}`,
  });
}

const CONFIG_LINE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=][ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#,'"{}[\]][^\s#,]*))/gm;

function configSecrets(text: string, report: (name: string, value: string, offset: number) => void): void {
  for (const match of text.matchAll(CONFIG_LINE)) {
    const value = match[2] ?? match[3] ?? match[4];
    if (value === undefined) continue;
    const offset = match.index + match[0].length - value.length;
    // `DATABASE_URL=postgres://user:password@host/db`: the password inside the URL.
    const inUrl = URL_WITH_PASSWORD.exec(value)?.[1];
    report(inUrl !== undefined ? 'password' : (match[1] ?? ''), inUrl ?? value, offset);
  }
}

/** The value of a string literal node without quotes, or undefined when it interpolates. */
function literalValue(tree: SyntaxTree, node: SyntaxNode): string | undefined {
  if (named(node).some((c) => c.type === 'interpolation' || c.type === 'template_substitution')) return undefined;
  const raw = tree.textOf(node);
  const parts = named(node).filter((c) => c.type === 'string_content' || c.type === 'string_fragment' || c.type === 'escape_sequence' || c.type === 'interpreted_string_literal_content' || c.type === 'raw_string_literal_content');
  if (parts.length) return parts.map((p) => tree.textOf(p)).join('');
  const m = /^(?:[rbuRBU]*|r#*)(["'`]{1,3})([\s\S]*?)\1#*$/.exec(raw);
  return m ? m[2] : raw.replace(/^["'`]+|["'`]+$/g, '');
}

/** The name a literal is bound to, climbing through wrappers; undefined when it is not bound to one. */
function boundName(tree: SyntaxTree, literal: SyntaxNode): string | undefined {
  let node = literal;
  for (let depth = 0; depth < 6 && node.parent; depth++) {
    const parent = node.parent;
    const name = nameSide(tree, parent, node);
    if (name !== undefined) return name;
    if (!WRAPPERS.has(parent.type)) return undefined;
    // A literal in a call's arguments: only credential calls name it (`login(user, "…")`).
    if ((parent.type === 'arguments' || parent.type === 'argument_list') && parent.parent) {
      const call = parent.parent;
      const callee = field(call, 'function') ?? field(call, 'name') ?? field(call, 'type') ?? named(call)[0];
      const calleeText = callee ? tree.textOf(callee) : '';
      const positional = named(parent);
      const position = positional.indexOf(node);
      if (CREDENTIAL_CALL.test(calleeText) && positional.length >= 2 && position >= 1) return 'password';
      for (const [pattern, at] of KEY_CALLS) if (pattern.test(calleeText) && position === at) return 'secret_key';
      // `config.setPassword("…")`, `set_api_key("…")`: a setter names its value.
      const setter = /(?:^|[.:])set_?([A-Za-z]\w*)$/.exec(calleeText);
      if (setter?.[1] && positional.length === 1) return setter[1];
      if (/^(?:String::from|str|String|\[\]byte|Buffer\.from|bytes|Some|Ok)$/.test(calleeText) || call.type === 'field_expression') {
        node = call;
        continue;
      }
      return undefined;
    }
    node = parent;
  }
  return undefined;
}

/** The name side of a binding node whose value side holds `child`. */
function nameSide(tree: SyntaxTree, parent: SyntaxNode, child: SyntaxNode): string | undefined {
  const text = (n: SyntaxNode | undefined) => (n ? targetName(tree, n) : undefined);
  switch (parent.type) {
    case 'assignment':
    case 'assignment_expression':
    case 'augmented_assignment':
    case 'assignment_statement':
    case 'short_var_declaration':
      return child.field === 'right' ? text(field(parent, 'left')) : undefined;
    case 'keyword_argument':
    case 'default_parameter':
    case 'typed_default_parameter':
      return child.field === 'value' ? text(field(parent, 'name')) : undefined;
    case 'pair':
      return child.field === 'value' ? text(field(parent, 'key')) : undefined;
    case 'variable_declarator':
      return child.field === 'value' ? text(field(parent, 'name')) : undefined;
    case 'public_field_definition':
    case 'field_definition':
      return child.field === 'value' ? text(field(parent, 'name') ?? field(parent, 'property')) : undefined;
    case 'var_spec':
    case 'const_spec':
      return child.field === 'value' || child.type === 'expression_list' ? text(field(parent, 'name')) : undefined;
    case 'keyed_element': {
      const [key, value] = named(parent);
      return value === child && key ? text(key) : undefined;
    }
    case 'let_declaration':
      return child.field === 'value' ? text(field(parent, 'pattern')) : undefined;
    case 'const_item':
    case 'static_item':
      return child.field === 'value' ? text(field(parent, 'name')) : undefined;
    case 'field_initializer':
      return child.field === 'value' ? text(field(parent, 'field') ?? named(parent)[0]) : undefined;
    case 'element_value_pair':
      return child.field === 'value' ? text(field(parent, 'key')) : undefined;
    case 'comparison_operator':
    case 'binary_expression':
    case 'binary_operator': {
      const op = parent.children.find((c) => !c.named && /^(?:==|===|!=|!==)$/.test(c.type));
      if (!op) return undefined;
      const other = named(parent).find((c) => c !== child && c.field !== 'operators');
      return other && !STRING_TYPES.has(other.type) ? text(other) : undefined;
    }
    case 'method_invocation': {
      // Java `password.equals("…")`.
      const nameNode = field(parent, 'name');
      const object = field(parent, 'object');
      if (nameNode && /^equals(?:IgnoreCase)?$/.test(tree.textOf(nameNode)) && object) return text(object);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The identifier a binding names: the last name of `a.b.c`, the key string of `config["KEY"]`. */
function targetName(tree: SyntaxTree, node: SyntaxNode): string | undefined {
  if (STRING_TYPES.has(node.type)) return literalValue(tree, node);
  if (node.type === 'subscript' || node.type === 'subscript_expression' || node.type === 'index_expression' || node.type === 'element_reference') {
    let key: string | undefined;
    walk(node, (n) => {
      if (key === undefined && n !== node && STRING_TYPES.has(n.type)) key = literalValue(tree, n);
      return key === undefined;
    });
    return key;
  }
  const raw = tree.textOf(node);
  if (raw.length > 200) return undefined;
  return raw.replace(/^[&*\s]+|\s+$/g, '').replace(/^(?:mut\s+)/, '');
}

function codeSecrets(tree: SyntaxTree, report: (name: string, value: string, offset: number) => void): void {
  walk(tree.root, (node) => {
    if (node.type === 'comment' || node.type === 'line_comment' || node.type === 'block_comment') return false;
    if (!STRING_TYPES.has(node.type)) return true;
    const value = literalValue(tree, node);
    if (value === undefined) return false;
    const inUrl = URL_WITH_PASSWORD.exec(value)?.[1];
    if (inUrl !== undefined) {
      report('password', inUrl, node.start);
      return false;
    }
    const name = boundName(tree, node);
    if (name !== undefined) report(name, value, node.start);
    return false;
  });
}
