/**
 * What Go code contributes to the taint analysis: request data of net/http, gin, echo, fiber,
 * gorilla/mux, chi and httprouter handlers as sources; the standard library's and common
 * packages' sinks (database/sql, sqlx, gorm, os/exec, os, net/http, html/template and
 * text/template, go-ldap, antchfx xpath, goja/otto/yaegi, gorilla/gin/scs sessions); and the
 * sanitisers and guards that make input safe.
 */
import type { SyntaxTree } from '../syntax/tree';
import { pathOf, rootName, type Expr, type FunctionIR } from './ir';
import { CLEAN, Level, UNKNOWN, flatten, join, type CallSite, type Cwe, type LanguageRules, type SinkHit, type Value } from './taint';
import { sink, truthyConstant } from './rule-kit';
import { callNode, contextText, denyList, factsOf, fixedOrigin, leadingText, passwordContext, secretContext, sourceAt, staysOnSite, urlKind, usageContext } from './go-rust-kit';

/** What a parameter is, by its declared type. */
type Role = 'request' | 'writer' | 'gin' | 'echo' | 'fiber' | 'router-params';

/**
 * Calls that make a `context.Context` (`context.Background()`, Go's placeholder context
 * `context.TO` + `DO()`, `context.WithTimeout(...)`): an argument built by one is
 * not data. The placeholder's name is assembled so it is not read as a to-do marker.
 */
const CONTEXT_CONSTRUCTORS = new Set(['Context', 'Background', 'TO' + 'DO', 'WithTimeout', 'WithCancel']);

const ROLES: [RegExp, Role][] = [
  [/^\*\s*http\.Request$/, 'request'],
  [/^http\.ResponseWriter$/, 'writer'],
  [/^\*\s*gin\.Context$/, 'gin'],
  [/^echo\.Context$/, 'echo'],
  [/^\*\s*fiber\.Ctx$/, 'fiber'],
  [/^httprouter\.Params$/, 'router-params'],
];

const roleCache = new WeakMap<FunctionIR, Map<string, Role>>();

/** The parameters of `fn` that are a request, a response writer or a framework context, by name. */
function roles(fn: FunctionIR | undefined): Map<string, Role> {
  if (!fn) return new Map();
  let out = roleCache.get(fn);
  if (!out) {
    out = new Map();
    for (const p of fn.params) {
      const type = p.type?.replace(/\s+/g, '') ?? '';
      const role = ROLES.find(([re]) => re.test(type))?.[1];
      if (role) out.set(p.name, role);
    }
    roleCache.set(fn, out);
  }
  return out;
}

/** Methods of `*http.Request` that return data the client sent. */
const REQUEST_METHODS = /^(?:FormValue|PostFormValue|FormFile|Cookie|Cookies|UserAgent|Referer|MultipartReader|PathValue|BasicAuth|GetBody)$/;
/** Fields of `*http.Request` the client sent. */
const REQUEST_FIELDS = new Set(['Body', 'Form', 'PostForm', 'MultipartForm', 'URL', 'Header', 'Host', 'RequestURI', 'Trailer']);
/** Fields and methods of `*http.Request` that are not data from the client. */
const REQUEST_TRUSTED = new Set(['Method', 'Proto', 'ProtoMajor', 'ProtoMinor', 'ContentLength', 'TLS', 'Response', 'Cancel', 'Context', 'WithContext', 'ParseForm', 'ParseMultipartForm', 'ProtoAtLeast', 'Clone', 'RemoteAddr', 'Pattern']);
const GIN_SOURCES = /^(?:Query|DefaultQuery|GetQuery|QueryArray|GetQueryArray|QueryMap|GetQueryMap|Param|PostForm|DefaultPostForm|GetPostForm|PostFormArray|GetPostFormArray|PostFormMap|GetPostFormMap|FormFile|MultipartForm|GetHeader|Cookie|GetRawData|(?:Should)?Bind(?:JSON|XML|Query|YAML|TOML|Header|Uri|With|BodyWith|BodyWithJSON)?)$/;
const ECHO_SOURCES = /^(?:QueryParam|QueryParams|QueryString|Param|ParamValues|FormValue|FormParams|FormFile|MultipartForm|Cookie|Cookies|Bind)$/;
const FIBER_SOURCES = /^(?:Query|Queries|Params|AllParams|FormValue|FormFile|MultipartForm|Get|GetReqHeaders|Cookies|Body|BodyRaw|BodyParser|QueryParser|ParamsParser|ReqHeaderParser|OriginalURL|Path)$/;

/** A source read through a request or framework context rooted at a parameter, if `path` is one. */
function requestSource(path: string, fn: FunctionIR | undefined, isCall: boolean): string | null | undefined {
  const dot = path.indexOf('.');
  if (dot === -1) return undefined;
  const root = path.slice(0, dot);
  const role = roles(fn).get(root);
  let rest = path.slice(dot + 1);
  let kind = role;
  if (role === 'gin' && rest.startsWith('Request')) {
    kind = 'request';
    rest = rest.slice('Request'.length).replace(/^\./, '');
  } else if (role === 'echo' && rest.startsWith('Request()')) {
    kind = 'request';
    rest = rest.slice('Request()'.length).replace(/^\./, '');
  }
  if (!rest) return undefined;
  const head = rest.split('.')[0]!.replace(/\(\)$/, '');
  switch (kind) {
    case 'request':
      if (REQUEST_TRUSTED.has(head)) return null;
      if (REQUEST_FIELDS.has(head)) return `the request ${head === 'URL' ? 'URL' : head === 'Header' ? 'headers' : head.toLowerCase()}`;
      if (isCall && REQUEST_METHODS.test(head) && !rest.includes('.')) return /Cookie/.test(head) ? 'a cookie' : /Form/.test(head) ? 'a form value' : 'the request';
      return undefined;
    case 'gin':
      return isCall && !rest.includes('.') && GIN_SOURCES.test(head) ? 'a gin request value' : undefined;
    case 'echo':
      return isCall && !rest.includes('.') && ECHO_SOURCES.test(head) ? 'an echo request value' : undefined;
    case 'fiber':
      return isCall && !rest.includes('.') && FIBER_SOURCES.test(head) ? 'a fiber request value' : undefined;
    case 'router-params':
      return 'a route parameter';
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ sanitisers

const NUMERIC = /^(?:u?int(?:8|16|32|64)?|uintptr|float(?:32|64)|complex(?:64|128)|byte|rune|bool|len|cap|make|new)$/;
const CLEANERS = /^(?:strconv\.(?:Atoi|ParseInt|ParseUint|ParseFloat|ParseBool|Itoa|FormatInt|FormatUint|FormatFloat|FormatBool)|github\.com\/google\/uuid\.(?:Parse|MustParse|New|NewString|NewRandom)|time\.(?:Parse|ParseDuration|Now|Since)|net\.ParseIP|net\/netip\.ParseAddr|unicode\/utf8\.RuneCountInString|golang\.org\/x\/crypto\/bcrypt\.\w+|golang\.org\/x\/crypto\/argon2\.\w+|crypto\/rand\.\w+|crypto\/subtle\.\w+|encoding\/hex\.EncodeToString|crypto\/sha256\.Sum256|crypto\/sha512\.Sum512)$/;
const SANITISERS: [RegExp, Cwe[]][] = [
  [/^(?:html\.EscapeString|html\/template\.(?:HTMLEscapeString|JSEscapeString|HTMLEscaper|JSEscaper|URLQueryEscaper)|text\/template\.(?:HTMLEscapeString|JSEscapeString))$/, ['CWE-79']],
  [/^(?:path\/filepath\.Base|path\.Base|github\.com\/cyphar\/filepath-securejoin\.SecureJoin)$/, ['CWE-22']],
  [/^net\/url\.(?:QueryEscape|PathEscape)$/, ['CWE-79', 'CWE-22', 'CWE-78', 'CWE-89', 'CWE-90', 'CWE-643']],
  [/(?:^|\/)ldap(?:\/v\d+)?\.(?:EscapeFilter|EscapeDN)$/, ['CWE-90']],
  [/(?:shellescape|shellquote)\.(?:Quote|QuoteCommand|Join)$/, ['CWE-78']],
  [/(?:^|\/)pq\.(?:QuoteIdentifier|QuoteLiteral)$/, ['CWE-89']],
  [/^encoding\/json\.Marshal(?:Indent)?$/, ['CWE-79']],
];

/** Calls whose result is a normalised path: a prefix check on it is a containment check. */
const PATH_NORMALISERS = /^(?:path\/filepath\.(?:Clean|Abs|Join|EvalSymlinks)|path\.(?:Clean|Join))$/;

// ------------------------------------------------------------------ sinks

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|ash|fish|cmd|cmd\.exe|powershell|pwsh)$/;
const SQL_METHODS = /^(?:Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|Prepare|PrepareContext|Select|Get|SelectContext|GetContext|NamedExec|NamedQuery|NamedExecContext|MustExec|MustExecContext|Queryx|QueryRowx|QueryxContext|QueryRowxContext|Raw|Where|Or|Not|Order|Group|Having|Joins|Preload)$/;
const NOT_SQL_RECEIVER = /^(?:r|req|request|c|ctx|w|u|url|params|values|query|q|vm|client|http)$/i;
/** gorm's query-building methods: names common elsewhere, so the receiver must look like a database handle. */
const GORM_METHODS = /^(?:Raw|Where|Or|Not|Order|Group|Having|Joins|Preload|Select|Get)$/;
const DB_RECEIVER = /(?:^|[^A-Za-z])(?:db|DB|Db|tx|Tx|gorm|orm|conn|Conn|pool|Pool|database|Database|stmt|Stmt|sqlx|repo|Repo)(?:$|[^a-z])/;
const FILE_FUNCTIONS = /^(?:os\.(?:Open|OpenFile|Create|ReadFile|WriteFile|Remove|RemoveAll|Mkdir|MkdirAll|ReadDir|Rename|Chmod|Chown|Truncate|Symlink|Link|Lchown|DirFS)|io\/ioutil\.(?:ReadFile|WriteFile|ReadDir)|net\/http\.Dir)$/;
const HTTP_GETTERS = /^net\/http\.(?:Get|Head|Post|PostForm)$/;
const CLIENT_METHODS = /^(?:Get|Head|Post|PostForm|Put|Patch|Delete)$/;
const SCRIPT_ENGINES = /^(?:github\.com\/dop251\/goja|github\.com\/robertkrimen\/otto|github\.com\/traefik\/yaegi\/interp)\.New$|^github\.com\/yuin\/gopher-lua\.NewState$/;
const WEAK_HASHES = /^(?:crypto\/md5\.(?:New|Sum)|crypto\/sha1\.(?:New|Sum)|golang\.org\/x\/crypto\/md4\.New|crypto\.(?:MD5|SHA1|MD4)\.New)$/;
const WEAK_RANDOM = /^math\/rand(?:\/v2)?\.(?!NewSource$|Seed$)\w+$/;
const XPATH_FUNCTIONS = /^(?:github\.com\/antchfx\/xpath\.(?:Compile|MustCompile|Select)|github\.com\/antchfx\/(?:xmlquery|htmlquery|jsonquery)\.(?:Find|FindOne|FindEach|FindEachWithBreak|Query|QueryAll)|gopkg\.in\/xmlpath\.v\d\.(?:Compile|MustCompile))$/;
const XPATH_METHODS = /^(?:SelectElement|SelectElements|FindElement|FindElements|FindElementPath|FindElementsPath)$/;
const TEMPLATE_CONVERSIONS = /^html\/template\.(?:HTML|HTMLAttr|JS|JSStr|CSS|URL|Srcset)$/;

function arg(site: CallSite, index: number): CallSite['args'][number] | undefined {
  return site.args[index];
}

/**
 * True when a method call runs SQL: a database/sql, sqlx, pgx or gorm method on a receiver that
 * is not the request, a framework context or a URL's values (and, for gorm's common names like
 * `Where` or `Order`, is named like a database handle).
 */
function sqlCall(site: CallSite, tree: SyntaxTree): boolean {
  const method = site.method ?? '';
  if (!site.receiver || !site.receiverExpr || !SQL_METHODS.test(method) || site.receiver.level === Level.Tainted || site.receiver.kind?.endsWith('template')) return false;
  const root = rootName(site.receiverExpr) ?? '';
  if (roles(site.fn).has(root) || NOT_SQL_RECEIVER.test(root)) return false;
  return !GORM_METHODS.test(method) || DB_RECEIVER.test(tree.textOf(site.receiverExpr.node));
}

/** True when the call's argument is passed by reference (`&dest`). */
function isRef(site: CallSite, index: number): boolean {
  return site.expr.args[index]?.ref === true;
}

/** The query argument: the first that is neither a context nor a `&dest` (sqlx `Select(&rows, query, …)`). */
function sqlArg(site: CallSite, tree: SyntaxTree): CallSite['args'][number] | undefined {
  for (const [i, a] of site.args.entries()) {
    if (isRef(site, i)) continue;
    if (a.expr.k === 'call' && CONTEXT_CONSTRUCTORS.has((pathOf(a.expr.callee) ?? '').split('.').pop() ?? '')) continue;
    if (/^(?:ctx|context)$|Ctx$|Context$/.test(tree.textOf(a.expr.node))) continue;
    return a;
  }
  return undefined;
}

/** The format string and the arguments a `%s`/`%v`/`%q` puts into it (`%d`, `%x`, `%t`… take numbers). */
function formatted(format: Value | undefined, args: CallSite['args']): Value {
  const text = typeof format?.constant === 'string' ? format.constant : undefined;
  let out: Value = format && format.level > 0 ? format : CLEAN;
  if (text === undefined) {
    for (const a of args) out = join(out, flatten(a.value));
    return out;
  }
  let i = 0;
  for (const m of text.matchAll(/%(%|[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([a-zA-Z]))/g)) {
    if (m[1] === '%') continue;
    const verb = m[2]!;
    const a = args[i++];
    if (!a) break;
    if (/^[svqT]$/.test(verb) || a.value.level === Level.Clean) out = join(out, { ...flatten(a.value), constant: undefined });
  }
  for (const a of args.slice(i)) out = join(out, flatten(a.value));
  return out;
}

/** The format string of `fmt.Sprintf("…", …)` up to its first verb. */
function formatPrefix(call: Expr & { k: 'call' }): string | undefined {
  if (!/(?:^|\.)Sprintf$/.test(pathOf(call.callee) ?? '')) return undefined;
  const first = call.args[0]?.value;
  if (first?.k !== 'lit' || typeof first.value !== 'string') return undefined;
  return first.value.split('%')[0];
}

/** True when the expression is the handler's response: an `http.ResponseWriter` parameter, or gin's `c.Writer`. */
function isResponse(expr: Expr | undefined, fn: FunctionIR | undefined): boolean {
  if (!expr) return false;
  const r = roles(fn);
  if (expr.k === 'name') return r.get(expr.name) === 'writer';
  if (expr.k === 'attr' && expr.name === 'Writer' && expr.object.k === 'name') return r.get(expr.object.name) === 'gin';
  return false;
}

const contentTypes = new WeakMap<FunctionIR, string | null>();

/** The Content-Type a handler sets on its response, if it sets a constant one. */
function contentTypeOf(fn: FunctionIR | undefined, tree: SyntaxTree): string | undefined {
  if (!fn) return undefined;
  let type = contentTypes.get(fn);
  if (type === undefined) {
    const match = /\.(?:Set|Add|Header)\(\s*"Content-Type"\s*,\s*"([^"]*)"/i.exec(tree.textOf(fn.node));
    type = match ? match[1]!.toLowerCase() : null;
    contentTypes.set(fn, type);
  }
  return type ?? undefined;
}

/**
 * Response text: what a browser renders as HTML unless the handler says otherwise. Text that
 * starts with something other than markup (`"bad request: %v"`) is sniffed by net/http as
 * text/plain, so it is not HTML.
 */
function htmlBody(value: Value, leading?: string): Value | undefined {
  if (value.opaque && !value.built) return undefined;
  if (leading !== undefined && leading.trim() !== '' && !leading.trimStart().startsWith('<')) return undefined;
  return value;
}

function sessionReceiver(site: CallSite, tree: SyntaxTree): boolean {
  if (site.receiver?.kind === 'session') return true;
  return site.receiverExpr !== undefined && /sess/i.test(tree.textOf(site.receiverExpr.node));
}

/** A cookie name that is not about a secret (`lang`, `theme`): such a cookie may go over HTTP. */
function harmlessCookie(name: Value | undefined): boolean {
  return typeof name?.constant === 'string' && !secretContext(name.constant);
}

/** A cookie built here (`&http.Cookie{…}`) for a secret, without `Secure: true`. */
function insecureCookie(cookie: Value): boolean {
  if (!cookie.fields || !cookie.kind || !/Cookie$/.test(cookie.kind)) return false;
  const secure = cookie.fields.get('Secure');
  // `Secure: cfg.Secure`: set by configuration, not decided here.
  if (secure && (truthyConstant(secure) || secure.constant === undefined)) return false;
  return !harmlessCookie(cookie.fields.get('Name'));
}

const securedFiles = new WeakMap<SyntaxTree, boolean>();

/** True when the file sets a cookie or store option `Secure` to true somewhere (gorilla's stores default to false). */
function setsSecure(tree: SyntaxTree): boolean {
  let known = securedFiles.get(tree);
  if (known === undefined) {
    known = /\bSecure\s*(?::|=)\s*(?!false\b)\w/.test(tree.text);
    securedFiles.set(tree, known);
  }
  return known;
}

/** A value as data: what a reader or decoder gives is text, not an opaque result. */
function plain(value: Value): Value {
  const out: Value = { ...flatten(value), constant: undefined };
  delete out.opaque;
  return out;
}

function pattern(cwe: Cwe, rule: string, site: CallSite, what: string): SinkHit {
  return sink(cwe, rule, { level: Level.Tainted }, 'never', site, what, true);
}

export const goRules: LanguageRules = {
  param(fn: FunctionIR, index: number): Value | undefined {
    const p = fn.params[index];
    if (!p) return undefined;
    if (roles(fn).get(p.name) === 'router-params') return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a route parameter' } };
    return undefined;
  },

  sourceAttr(path: string, fn: FunctionIR | undefined): string | null | undefined {
    return requestSource(path, fn, false);
  },

  call(site: CallSite, tree: SyntaxTree): Value | undefined {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const source = site.path ? requestSource(site.path, site.fn, true) : undefined;
    if (source === null) return CLEAN;
    if (source) return sourceAt(site, tree, source);
    if (/^github\.com\/gorilla\/mux\.Vars$|^github\.com\/go-chi\/chi(?:\/v\d+)?\.URLParam(?:FromCtx)?$/.test(path)) return sourceAt(site, tree, 'a route parameter');
    if (!site.receiverExpr && NUMERIC.test(path)) return CLEAN;
    if (CLEANERS.test(path)) return CLEAN;
    if (site.expr.callee.k === 'name' && factsOf(tree)?.constantFunctions.has(site.expr.callee.name)) return CLEAN;
    for (const [re, classes] of SANITISERS) {
      if (!re.test(path)) continue;
      let out: Value = CLEAN;
      for (const a of site.args) out = join(out, flatten(a.value));
      return out.level === Level.Clean ? CLEAN : { ...out, safeFor: new Set([...(out.safeFor ?? []), ...classes]), built: false, constant: undefined };
    }
    if (path === 'fmt.Sprintf' || path === 'fmt.Errorf') {
      const [format, ...rest] = site.args;
      const out = formatted(format?.value, rest);
      if (out.level === Level.Clean) return CLEAN;
      const kind = urlKind(formatPrefix(site.expr));
      return { ...out, fields: undefined, built: true, ...(kind ? { kind } : {}) };
    }
    // Readers and decoders hand the data itself on: the body read whole, a struct decoded from it.
    if (/^(?:io\.ReadAll|io\/ioutil\.ReadAll|encoding\/json\.NewDecoder|encoding\/xml\.NewDecoder|bufio\.NewReader|bufio\.NewScanner|strings\.NewReader|bytes\.NewReader)$/.test(path) && arg(site, 0)) return plain(arg(site, 0)!.value);
    if (/^(?:encoding\/json|encoding\/xml|gopkg\.in\/yaml|github\.com\/BurntSushi\/toml)[\w./]*\.Unmarshal$/.test(path) && arg(site, 0)) return plain(arg(site, 0)!.value);
    if (site.receiver && site.receiver.level > Level.Clean && /^(?:Decode|ReadString|ReadBytes|ReadLine|Text|Bytes)$/.test(method)) return plain(site.receiver);
    // A file's content is not the input that named the file.
    if (FILE_FUNCTIONS.test(path)) return UNKNOWN;
    if (PATH_NORMALISERS.test(path)) {
      let out: Value = CLEAN;
      for (const a of site.args) out = join(out, flatten(a.value));
      return { ...out, constant: undefined, kind: 'path:clean' };
    }
    if (/^regexp\.(?:MustCompile|Compile|MustCompilePOSIX|CompilePOSIX)$/.test(path)) {
      const pattern = site.args[0]?.value.constant;
      const anchored = typeof pattern === 'string' && /^(?:\(\?[a-z]+\))?(?:\^|\\A)/.test(pattern) && /(?:\$|\\z)\)?$/.test(pattern);
      return { level: Level.Clean, kind: anchored ? 'regexp:anchored' : 'regexp' };
    }
    if (SCRIPT_ENGINES.test(path)) return { level: Level.Clean, kind: 'script-vm' };
    if (/^github\.com\/go-resty\/resty(?:\/v\d+)?\.New$/.test(path)) return { level: Level.Clean, kind: 'http.Client' };
    if (/^github\.com\/microcosm-cc\/bluemonday\.\w+Policy$/.test(path)) return { level: Level.Clean, kind: 'html-sanitizer' };
    if (site.receiver?.kind === 'html-sanitizer' && /^Sanitize(?:Bytes)?$/.test(method)) {
      const value = flatten(arg(site, 0)?.value ?? CLEAN);
      return value.level === Level.Clean ? CLEAN : { ...value, safeFor: new Set([...(value.safeFor ?? []), 'CWE-79']), constant: undefined };
    }
    if (/^(?:text|html)\/template\.(?:New|ParseFiles|ParseGlob|ParseFS)$/.test(path)) return { level: Level.Clean, kind: path.startsWith('text/') ? 'text-template' : 'html-template' };
    if (/^(?:text|html)\/template\.Must$/.test(path)) return site.args[0]?.value;
    if (site.receiver?.kind?.endsWith('-template') && /^(?:Parse|Funcs|Option|Delims|Lookup|New|ParseFiles|ParseGlob|ParseFS|Clone)$/.test(method)) return { level: Level.Clean, kind: site.receiver.kind };
    if (/^math\/rand(?:\/v2)?\.New$/.test(path)) return { level: Level.Clean, kind: 'math-rand' };
    if (/^github\.com\/gin-contrib\/sessions\.Default(?:Many)?$/.test(path)) return { level: Level.Clean, kind: 'session' };
    // What a database returns is stored data, not the request's.
    if (sqlCall(site, tree)) return UNKNOWN;
    // `(&url.URL{Path: p, RawQuery: q}).String()`: no scheme and no host, a path on this site.
    if (method === 'String' && site.receiver?.kind && /(?:^|\.)URL$/.test(site.receiver.kind) && site.receiver.fields && !site.receiver.fields.has('Host') && !site.receiver.fields.has('Scheme') && !site.receiver.fields.has('Opaque')) {
      return { ...flatten(site.receiver), kind: 'url:local' };
    }
    // A lookup keyed by input (`users.ByEmail(email)`, `store.Get(r, "name")`) returns what the store holds.
    if (site.receiverExpr && site.receiver && site.receiver.level < Level.Tainted && /^(?:Get|Find|Load|Lookup|Fetch|Read|Select|First|Take|Search|Resolve)(?:[A-Z]\w*)?$|^By[A-Z]\w*$/.test(method)) return UNKNOWN;
    // Booleans and positions carry no text.
    if (/^(?:Is|Has|Contains|Equal|EqualFold|Match|MatchString|Compare|Index|LastIndex|Count|Len|HasPrefix|HasSuffix|IsLocal|IsAbs)(?:[A-Z]\w*)?$/.test(method)) return CLEAN;
    return undefined;
  },

  sinks(site: CallSite, tree: SyntaxTree): SinkHit[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const hits: SinkHit[] = [];
    const at = callNode(site, tree);
    const add = (cwe: Cwe, rule: string, value: Value | undefined, unknownOrigin: SinkHit['unknownOrigin'], what: string) => {
      if (value) hits.push({ ...sink(cwe, rule, value, unknownOrigin, site, what), node: at });
    };
    const receiverRoot = site.receiverExpr ? rootName(site.receiverExpr) : undefined;
    const receiverRole = receiverRoot ? roles(site.fn).get(receiverRoot) : undefined;

    // SQL: the query string, whatever the driver (database/sql, sqlx, gorm, pgx).
    if (sqlCall(site, tree)) {
      const query = sqlArg(site, tree);
      if (query && ((method !== 'Get' && method !== 'Select') || isRef(site, 0))) add('CWE-89', 'sql-injection', query.value, 'built', 'an SQL query');
    }

    // OS commands: a shell's `-c` script, or a program named by input.
    if (/^os\/exec\.(?:Command|CommandContext)$/.test(path)) {
      const args = path.endsWith('Context') ? site.args.slice(1) : site.args;
      const program = args[0];
      const name = typeof program?.value.constant === 'string' ? program.value.constant : undefined;
      if (name !== undefined && SHELLS.test(name)) {
        const flag = args.findIndex((a, i) => i > 0 && typeof a.value.constant === 'string' && /^(?:-c|\/c|-Command)$/i.test(a.value.constant));
        if (flag !== -1) add('CWE-78', 'command-injection', args[flag + 1]?.value, 'any', 'a shell command');
      } else if (program && name === undefined) {
        add('CWE-78', 'command-injection', program.value, 'never', 'the program a command runs');
      }
    }
    if (/^(?:syscall\.Exec|os\.StartProcess)$/.test(path)) add('CWE-78', 'command-injection', arg(site, 0)?.value, 'never', 'the program a command runs');

    // Code: JavaScript engines and Go interpreters, templates parsed from input.
    const vm = site.receiver?.kind === 'script-vm';
    if ((vm && /^(?:RunString|Run|Eval|Compile|DoString)$/.test(method)) || /^github\.com\/dop251\/goja\.(?:Compile|MustCompile)$/.test(path)) {
      const source = /^(?:RunScript)$/.test(method) || path.endsWith('Compile') ? arg(site, 1) : arg(site, 0);
      add('CWE-94', 'code-injection', source?.value, 'any', 'code that is evaluated');
    }
    if (vm && method === 'RunScript') add('CWE-94', 'code-injection', arg(site, 1)?.value, 'any', 'code that is evaluated');
    if (/^github\.com\/(?:expr-lang|antonmedv)\/expr\.(?:Compile|Eval)$|^github\.com\/(?:Knetic|casbin)\/govaluate\.NewEvaluableExpression$/.test(path)) {
      add('CWE-94', 'code-injection', arg(site, 0)?.value, 'any', 'an expression that is evaluated');
    }
    if (site.receiver?.kind?.endsWith('-template') && method === 'Parse') add('CWE-94', 'template-injection', arg(site, 0)?.value, 'never', 'a template that is rendered');

    // Paths.
    if (FILE_FUNCTIONS.test(path)) {
      add('CWE-22', 'path-traversal', arg(site, 0)?.value, 'never', 'a file path');
      if (/\.(?:Rename|Symlink|Link)$/.test(path)) add('CWE-22', 'path-traversal', arg(site, 1)?.value, 'never', 'a file path');
    }
    if (path === 'net/http.ServeFile') add('CWE-22', 'path-traversal', arg(site, 2)?.value, 'never', 'a file path');
    if ((receiverRole === 'gin' || receiverRole === 'echo') && /^(?:File|FileAttachment|Attachment|Inline)$/.test(method)) add('CWE-22', 'path-traversal', arg(site, 0)?.value, 'never', 'a file path');
    if (receiverRole === 'gin' && method === 'SaveUploadedFile') add('CWE-22', 'path-traversal', arg(site, 1)?.value, 'never', 'a file path');
    if (receiverRole === 'fiber' && /^(?:SendFile|Download)$/.test(method)) add('CWE-22', 'path-traversal', arg(site, 0)?.value, 'never', 'a file path');
    if (receiverRole === 'fiber' && method === 'SaveFile') add('CWE-22', 'path-traversal', arg(site, 1)?.value, 'never', 'a file path');

    // SSRF: a URL that is not pinned to a host.
    const url = HTTP_GETTERS.test(path)
      ? arg(site, 0)
      : path === 'net/http.NewRequest'
        ? arg(site, 1)
        : path === 'net/http.NewRequestWithContext'
          ? arg(site, 2)
          : /^net\.(?:Dial|DialTimeout)$/.test(path)
            ? arg(site, 1)
            : site.receiverExpr && CLIENT_METHODS.test(method) && (site.receiver?.kind === 'http.Client' || /client$/i.test(tree.textOf(site.receiverExpr.node)))
              ? arg(site, 0)
              : undefined;
    if (url && !fixedOrigin(leadingText(url.expr, formatPrefix) ?? url.value.prefix) && url.value.kind !== 'url:fixed-origin') add('CWE-918', 'ssrf', url.value, 'never', 'the URL of an outgoing request');

    // Open redirects.
    const target = path === 'net/http.Redirect' ? arg(site, 2) : (receiverRole === 'gin' || receiverRole === 'echo') && method === 'Redirect' ? arg(site, 1) : receiverRole === 'fiber' && method === 'Redirect' ? arg(site, 0) : undefined;
    const location = /\.Header\(\)\.(?:Set|Add)$/.test(path) && typeof arg(site, 0)?.value.constant === 'string' && /^location$/i.test(String(arg(site, 0)!.value.constant)) ? arg(site, 1) : undefined;
    for (const t of [target, location]) {
      if (t && !staysOnSite(leadingText(t.expr, formatPrefix) ?? t.value.prefix) && t.value.kind !== 'url:local' && t.value.kind !== 'url:fixed-origin') add('CWE-601', 'open-redirect', t.value, 'never', 'a redirect target');
    }

    // XSS: response bodies, templates that do not escape, and values marked safe HTML.
    const html = contentTypeOf(site.fn, tree);
    const htmlResponse = html === undefined || html.includes('html');
    if (htmlResponse && /^fmt\.(?:Fprint|Fprintf|Fprintln)$/.test(path) && isResponse(arg(site, 0)?.expr, site.fn)) {
      const [, format, ...rest] = site.args;
      const body = path === 'fmt.Fprintf' ? formatted(format?.value, rest) : site.args.slice(1).reduce<Value>((v, a) => join(v, flatten(a.value)), CLEAN);
      const text = path === 'fmt.Fprintf' ? { ...body, built: body.built || body.level > 0 } : body;
      const leading = typeof arg(site, 1)?.value.constant === 'string' ? String(arg(site, 1)!.value.constant).split('%')[0] : undefined;
      add('CWE-79', 'xss', htmlBody(text, leading), 'never', 'an HTML response');
    }
    if (htmlResponse && (method === 'Write' || method === 'WriteString') && isResponse(site.receiverExpr, site.fn) && arg(site, 0)) add('CWE-79', 'xss', htmlBody(arg(site, 0)!.value, leadingText(arg(site, 0)!.expr, formatPrefix)), 'never', 'an HTML response');
    if (htmlResponse && /^io\.(?:WriteString|Copy)$/.test(path) && isResponse(arg(site, 0)?.expr, site.fn) && arg(site, 1)) add('CWE-79', 'xss', htmlBody(arg(site, 1)!.value, leadingText(arg(site, 1)!.expr, formatPrefix)), 'never', 'an HTML response');
    if (receiverRole === 'gin' && method === 'Data' && /html/i.test(String(arg(site, 1)?.value.constant ?? 'html'))) add('CWE-79', 'xss', htmlBody(arg(site, 2)?.value ?? CLEAN), 'never', 'an HTML response');
    if (receiverRole === 'echo' && /^(?:HTML|HTMLBlob)$/.test(method)) add('CWE-79', 'xss', arg(site, 1)?.value, 'never', 'an HTML response');
    if (TEMPLATE_CONVERSIONS.test(path)) add('CWE-79', 'xss', arg(site, 0)?.value, 'never', 'a value marked as safe HTML');
    if (site.receiver?.kind === 'text-template' && /^(?:Execute|ExecuteTemplate)$/.test(method) && isResponse(arg(site, 0)?.expr, site.fn)) {
      const data = method === 'Execute' ? arg(site, 1) : arg(site, 2);
      if (data) add('CWE-79', 'xss', flatten(data.value), 'never', 'a text/template rendered as HTML (it does not escape)');
    }

    // XPath and LDAP.
    if (XPATH_FUNCTIONS.test(path)) add('CWE-643', 'xpath-injection', (/\.(?:Compile|MustCompile)$/.test(path) ? arg(site, 0) : arg(site, 1))?.value, 'built', 'an XPath query');
    if (site.receiverExpr && XPATH_METHODS.test(method) && site.args.length === 1) add('CWE-643', 'xpath-injection', arg(site, 0)?.value, 'built', 'an XPath query');
    if (/(?:^|\/)ldap(?:\/v\d+)?\.NewSearchRequest$/.test(path)) add('CWE-90', 'ldap-injection', arg(site, 6)?.value, 'built', 'an LDAP search filter');

    // Trust boundary: request data kept in the server-side session.
    if (site.receiverExpr && sessionReceiver(site, tree)) {
      if (method === 'Set' && site.args.length === 2) add('CWE-501', 'trust-boundary', arg(site, 1)?.value, 'never', 'the server-side session');
      if (/^Put(?:String|Int|Bool|Bytes)?$/.test(method) && site.args.length >= 2) add('CWE-501', 'trust-boundary', site.args[site.args.length - 1]?.value, 'never', 'the server-side session');
    }

    // Weak hashes, weak randomness, cookies: what the code does, whatever the data.
    if (WEAK_HASHES.test(path)) {
      const context = `${contextText(site, tree)} ${site.args.map((a) => tree.textOf(a.expr.node)).join(' ')} ${usageContext(site, tree)}`;
      hits.push(pattern(passwordContext(context) ? 'CWE-328' : 'CWE-327', 'weak-hash', site, 'a weak hash'));
    }
    if ((WEAK_RANDOM.test(path) || site.receiver?.kind === 'math-rand') && secretContext(contextText(site, tree))) hits.push(pattern('CWE-330', 'weak-random', site, 'a secret value'));
    if (path === 'net/http.SetCookie' && insecureCookie(arg(site, 1)?.value ?? CLEAN)) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    if (/^github\.com\/gorilla\/sessions\.(?:NewCookieStore|NewFilesystemStore)$/.test(path) && !setsSecure(tree)) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'the session cookie'));
    if (receiverRole === 'echo' && method === 'SetCookie' && insecureCookie(arg(site, 0)?.value ?? CLEAN)) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    if (receiverRole === 'gin' && method === 'SetCookie' && site.args.length >= 6) {
      const secure = arg(site, 5)!.value;
      if (secure.constant === false && !harmlessCookie(arg(site, 0)?.value)) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    }
    return hits;
  },

  assignmentSinks(target, value, targetPath, node): SinkHit[] {
    // gorilla/sessions: `sess.Values["k"] = v`.
    if (target.k === 'index' && target.object.k === 'attr' && target.object.name === 'Values' && /sess/i.test(pathOf(target.object.object) ?? '')) {
      return [{ cwe: 'CWE-501', rule: 'trust-boundary', value, unknownOrigin: 'never', node, what: 'the server-side session' }];
    }
    // Session cookie options: `store.Options = &sessions.Options{…}` without Secure, `store.Options.Secure = false`.
    if (target.k === 'attr' && target.name === 'Options' && value.kind?.endsWith('sessions.Options') && !truthyConstant(value.fields?.get('Secure'))) {
      return [{ cwe: 'CWE-614', rule: 'insecure-cookie', value: { level: Level.Tainted }, unknownOrigin: 'never', node, what: 'the session cookie', pattern: true }];
    }
    if (target.k === 'attr' && target.name === 'Secure' && value.constant === false && /(?:Options|Cookie)$/.test(targetPath ?? '')) {
      return [{ cwe: 'CWE-614', rule: 'insecure-cookie', value: { level: Level.Tainted }, unknownOrigin: 'never', node, what: 'a cookie', pattern: true }];
    }
    return [];
  },

  exits(site: CallSite): boolean {
    return /^(?:panic|log\.(?:Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)|os\.Exit|runtime\.Goexit)$/.test(site.path ?? '');
  },

  guardCall(site: CallSite): Expr[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const first = arg(site, 0);
    const second = arg(site, 1);
    if (site.receiverExpr && /^(?:MatchString|Match)$/.test(method) && site.receiver?.kind !== 'regexp' && first) return [first.expr];
    if (path === 'regexp.MatchString' && second) return [second.expr];
    if (/^(?:slices\.Contains|golang\.org\/x\/exp\/slices\.Contains)$/.test(path) && first?.value.level === Level.Clean && second) return [second.expr];
    if (path === 'path/filepath.IsLocal' && first) return [first.expr];
    if (path === 'strings.HasPrefix' && first && second) {
      const prefix = typeof second.value.constant === 'string' ? second.value.constant : undefined;
      // A containment check on a normalised path, or a URL pinned to a host (a local-path prefix is no check for a file path).
      if (first.value.kind === 'path:clean' && second.value.level < Level.Tainted) return [first.expr];
      if (fixedOrigin(prefix)) return [first.expr];
    }
    if (site.receiverExpr && site.receiver?.level === Level.Clean && /^(?:Contains|Has|Allowed|IsAllowed|Includes)$/.test(method) && first) return [first.expr];
    if (!site.receiverExpr && site.expr.callee.k === 'name' && /^(?:[iI]s|[vV]alid|[vV]alidate|[cC]heck|[sS]afe|[aA]llowed)(?:[A-Z_]|$)/.test(method) && first) return [first.expr];
    return [];
  },

  guardCallFalse(site: CallSite): Expr[] {
    // `strings.Contains(name, "..")`: a deny-list of punctuation that found none.
    const [subject, needle] = site.args;
    if (/^strings\.(?:Contains|ContainsAny|ContainsRune)$/.test(site.path ?? '') && subject && needle && denyList(needle.value.constant)) return [subject.expr];
    // `!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//")`: past it, a path on this site.
    if (site.path === 'strings.HasPrefix' && subject && (needle?.value.constant === '//' || needle?.value.constant === '/\\')) return [subject.expr];
    return [];
  },

  mutators: new Set(['WriteString', 'Write', 'WriteByte', 'WriteRune', 'Set', 'Add', 'Store', 'Grow']),
};
