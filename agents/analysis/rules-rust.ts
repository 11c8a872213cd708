/**
 * What Rust code contributes to the taint analysis: actix-web and axum extractors
 * (`web::Query<T>`, `Json(x)`, `Path(x)`, `Form(x)`, `HeaderMap`, a `String` body) and
 * `HttpRequest` methods as sources; the sinks of the standard library and common crates
 * (std/tokio `process::Command` and `fs`, sqlx, diesel, rusqlite, tokio-postgres, reqwest,
 * ldap3, maud, actix/axum responses and redirects, actix-session/tower-sessions, cookie
 * builders, md5/sha1, fastrand and seeded generators); and the sanitisers and guards that
 * make input safe.
 */
import { field, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { pathOf, rootName, type Expr, type FunctionIR, type ModuleIR } from './ir';
import { CLEAN, Level, UNKNOWN, flatten, join, type CallSite, type Cwe, type LanguageRules, type SinkHit, type Value } from './taint';
import { sink } from './rule-kit';
import { callNode, contextText, denyList, factsOf, fixedOrigin, leadingText, passwordContext, secretContext, sourceAt, staysOnSite, urlKind, usageContext } from './go-rust-kit';

/** Extractors whose value is the request's data: generic ones (`web::Query<T>`, `Json<T>`) and plain ones (`HeaderMap`, `Bytes`). */
const EXTRACTORS = /^(?:(?:actix_web::|axum::|axum_extra::)?(?:web|extract|extract::\w+)::)?(?:(?:Query|Path|Json|Form|TypedHeader|QsQuery|QsForm|Either|Multipart|Payload)<|(?:Bytes|Multipart|RawQuery|Host|OriginalUri|RawForm|RawPathParams|Payload|Uri|HeaderMap)$)/;
/** Parameter types that make a function a handler without being data themselves. */
const HANDLER_TYPES = /\b(?:State|Data|Extension|HttpRequest|CookieJar|PrivateCookieJar|SignedCookieJar|Session|ConnectInfo)\b/;
const ROUTE_ATTRIBUTES = /^(?:get|post|put|delete|patch|head|options|trace|connect|route|routes)$/;
const HANDLER_RETURNS = /\b(?:HttpResponse|Responder|IntoResponse|Html|Redirect|Json|StatusCode|Response)\b/;
/** Types a value cannot carry text in. */
const NUMERIC = /^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool|char|Uuid|uuid::Uuid|NaiveDate|DateTime<\w+>)$/;

const handlerCache = new WeakMap<FunctionIR, boolean>();

/** True when a parameter's type is an extractor: written as one, not a reference, not `std`'s `Path`. */
function isExtractor(type: string | undefined): boolean {
  if (!type) return false;
  const compact = type.replace(/\s+/g, '');
  return !compact.startsWith('&') && !compact.startsWith('impl') && EXTRACTORS.test(compact);
}

/** True for functions with a route attribute (`#[get("/…")]`: actix, Rocket). */
function routed(fn: FunctionIR): boolean {
  return fn.decorators.some((d) => ROUTE_ATTRIBUTES.test(pathOf(d.k === 'call' ? d.callee : d)?.split('.').pop() ?? ''));
}

/** True for actix route functions (`#[get("/…")]`) and functions taking extractors (axum handlers). */
function isHandler(fn: FunctionIR, tree: SyntaxTree): boolean {
  let known = handlerCache.get(fn);
  if (known === undefined) {
    const extracts = fn.params.some((p) => isExtractor(p.type) || (p.type !== undefined && !p.type.trimStart().startsWith('&') && HANDLER_TYPES.test(p.type)));
    const returnType = field(fn.node, 'return_type');
    const asyncResponse = tree.textOf(fn.node).trimStart().replace(/^pub(?:\([^)]*\))?\s+/, '').startsWith('async') && returnType !== undefined && HANDLER_RETURNS.test(tree.textOf(returnType));
    known = routed(fn) || extracts || asyncResponse;
    handlerCache.set(fn, known);
  }
  return known;
}

function stripRef(type: string): string {
  return type.replace(/\s+/g, '').replace(/^&(?:'\w+)?(?:mut)?/, '');
}

/** `web::Query<T>` → `T`; `Path<(u32, u64)>` → `(u32,u64)`. */
function innerType(type: string): string {
  const open = type.indexOf('<');
  return open === -1 ? '' : type.slice(open + 1, type.lastIndexOf('>'));
}

/** True when an extractor's data is numbers only (`Path<usize>`, `Path<(u32, i64)>`). */
function numericOnly(type: string): boolean {
  const inner = innerType(type).replace(/^\(|\)$/g, '');
  return inner !== '' && inner.split(',').every((t) => NUMERIC.test(t.trim()));
}

/** A parameter's declared type with the module's imports resolved at its head (`Client` → `tokio_postgres.Client`). */
function resolvedType(type: string, module: ModuleIR): string {
  return type.replace(/[A-Za-z_][\w:]*/g, (name) => {
    const head = name.split('::')[0]!;
    const imported = module.imports.get(head);
    return imported ? imported.replace(/\./g, '::') + name.slice(head.length) : name;
  });
}

/** Parameters of type `HttpRequest` (actix) or `Request`/`Parts` (axum, http): their methods read the request. */
const requestParams = new WeakMap<FunctionIR, Set<string>>();
function requestNames(fn: FunctionIR | undefined): Set<string> {
  if (!fn) return new Set();
  let names = requestParams.get(fn);
  if (!names) {
    names = new Set(fn.params.filter((p) => /^(?:(?:actix_web::)?HttpRequest|(?:axum::(?:extract::)?|http::)?Request(?:<.*>)?|(?:http::request::)?Parts)$/.test(stripRef(p.type ?? ''))).map((p) => p.name));
    requestParams.set(fn, names);
  }
  return names;
}
const REQUEST_METHODS = /^(?:query_string|match_info|headers|cookie|cookies|uri|path|full_url|connection_info|head|body|into_body|extensions_mut)$/;

// ------------------------------------------------------------------ values

/** Calls that hand their argument's value through (`Some(x)`, `String::from(x)`, `Path::new(x)`). */
const WRAPPERS = /(?:^|\.)(?:Some|Ok|Err|Url\.parse|Box\.new|Arc\.new|Rc\.new|RefCell\.new|Cell\.new|Mutex\.new|RwLock\.new|Cow\.from|Cow\.Borrowed|Cow\.Owned|String\.from|PathBuf\.from|Path\.new|OsStr\.new|OsString\.from|Vec\.from|HeaderValue\.from_str|HeaderValue\.from_static|HeaderValue\.try_from|HeaderValue\.from_maybe_shared|Bytes\.from|Json|Html|Markup|PreEscaped|Form|Query)$/;
/** Methods that return their receiver's value unchanged (a constant stays one). */
const IDENTITY_METHODS = /^(?:to_string|to_owned|clone|into|as_str|as_ref|as_deref|as_bytes|to_vec|borrow|unwrap|expect|unwrap_or_default|into_inner|into_owned|into_string|as_path|to_path_buf|get_ref|deref|cloned|copied|lock|read|write)$/;
/** Methods whose result is a number or a boolean. */
const SCALAR_METHODS = /^(?:len|is_empty|count|starts_with|ends_with|contains|contains_key|eq|ne|cmp|partial_cmp|is_some|is_none|is_ok|is_err|all|any|position|is_ascii\w*|is_alphanumeric|is_numeric|is_digit|is_match|matches|as_u16|as_u32|as_u64|len_utf8|status|success|code)$/;
const CLEANERS = /^(?:uuid\.Uuid\.(?:new_v4|new_v7|parse_str|now_v7)|Uuid\.(?:new_v4|new_v7|parse_str)|bcrypt\.(?:hash|verify|hash_with_result)|argon2\.\w+|chrono\.\w+|std\.cmp\.\w+|(?:std\.)?mem\.size_of)$/;
const SANITISERS: [RegExp, Cwe[]][] = [
  [/(?:^|\.)(?:html_escape\.encode_\w+|encode_text|encode_safe|encode_double_quoted_attribute|encode_single_quoted_attribute|v_htmlescape\.escape|htmlescape\.encode_\w+|ammonia\.clean|askama\.filters\.escape|tera\.escape_html|escape_html)$/, ['CWE-79']],
  [/(?:^|\.)(?:ldap_escape|dn_escape)$/, ['CWE-90']],
  [/(?:^|\.)sanitize_filename\.(?:sanitize|sanitize_with_options)$/, ['CWE-22']],
  [/(?:^|\.)(?:shell_escape\.(?:unix\.)?escape|shlex\.(?:try_)?quote|shlex\.(?:try_)?join|shell_words\.(?:quote|join))$/, ['CWE-78']],
  [/(?:^|\.)(?:urlencoding\.encode|utf8_percent_encode|percent_encode|byte_serialize)$/, ['CWE-79', 'CWE-22', 'CWE-78', 'CWE-89', 'CWE-90', 'CWE-643']],
  [/(?:^|\.)(?:serde_json\.to_string|serde_json\.to_vec)$/, ['CWE-79']],
];
/** Methods of `Path` whose result is one component: no `/` and no `..` left in it. */
const FILE_NAME_METHODS = /^(?:file_name|file_stem|extension)$/;

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|ash|fish|cmd|cmd\.exe|powershell|pwsh)$/;
const COMMAND_NEW = /(?:^|\.)Command\.new$/;
const COMMAND_BUILDERS = /^(?:arg|args|env|envs|env_clear|env_remove|current_dir|stdin|stdout|stderr|kill_on_drop|uid|gid|process_group)$/;
const SQL_FUNCTIONS = /^(?:sqlx\.(?:query|query_as|query_scalar|query_with|query_as_with|query_scalar_with|raw_sql)|diesel\.(?:sql_query|dsl\.sql)|sql_query|query_as|query_scalar)$/;
const SQL_METHODS = /^(?:execute|query|query_row|query_map|query_one|query_opt|query_raw|prepare|prepare_cached|batch_execute|execute_batch|simple_query|query_drop|query_first|query_iter|exec_drop|execute_raw|query_typed)$/;
const SQL_RESULTS = /^(?:fetch|fetch_one|fetch_all|fetch_optional|fetch_many|execute|load|get_result|get_results|first|execute_many)$/;
const FS_FUNCTIONS = /^(?:(?:std|tokio|async_std)\.)?fs\.(?:read|read_to_string|read_dir|write|remove_file|remove_dir|remove_dir_all|create_dir|create_dir_all|copy|rename|hard_link|set_permissions|File\.open|File\.create|File\.create_new|OpenOptions\.open)$|^(?:std\.fs\.)?File\.(?:open|create|create_new)$|(?:^|\.)NamedFile\.open(?:_async)?$|(?:^|\.)ServeFile\.new$|(?:^|\.)ServeDir\.new$/;
const HTTP_FUNCTIONS = /^(?:reqwest\.(?:blocking\.)?get|ureq\.(?:get|post|put|delete|head|patch|request)|surf\.(?:get|post|put|delete|head|patch)|isahc\.(?:get|post|put|delete|head)(?:_async)?|attohttpc\.(?:get|post|put|delete|head))$/;
const CLIENT_METHODS = /^(?:get|post|put|delete|patch|head)$/;
const REDIRECTS = /(?:^|\.)Redirect\.(?:to|see_other|temporary|permanent|found)$/;
const WEAK_HASHES = /^(?:md5|md_5|md4|sha1|sha1_smol|crypto\.md5|crypto\.sha1)\.(?:\w+\.)?(?:compute|new|digest|from|default|chain|new_with_prefix|hash)$|^openssl\.hash\.MessageDigest\.(?:md5|sha1)$|(?:^|\.)(?:Md5|Md4|Sha1)\.(?:new|digest|default|from|new_with_prefix)$/;
const WEAK_RANDOM = /^(?:fastrand|oorandom|nanorand|rand_pcg|rand_xorshift|tinyrand|wyhash|rand\.rngs\.SmallRng|rand_xoshiro)\.\w+|(?:^|\.)(?:SmallRng|Pcg32|Pcg64|XorShiftRng|Xoshiro256PlusPlus)\.\w+$|(?:^|\.)(?:StdRng|ChaCha\d*Rng)\.seed_from_u64$/;
const CLOCKS = /(?:^|\.)(?:SystemTime\.now|Instant\.now|Utc\.now|Local\.now|OffsetDateTime\.now_utc|UNIX_EPOCH)$/;

function arg(site: CallSite, index: number): CallSite['args'][number] | undefined {
  return site.args[index];
}

/** The `i`th item of a tuple argument (`(header::LOCATION, target)`): its expression and value. */
function tupleItem(a: CallSite['args'][number] | undefined, i: number): { expr: Expr; value: Value } | undefined {
  if (!a || a.expr.k !== 'seq') return undefined;
  const expr = a.expr.items[i];
  return expr ? { expr, value: a.value.fields?.get(String(i)) ?? flatten(a.value) } : undefined;
}

/** True when a header-name expression is `name` (`header::LOCATION`, `"Location"`, `http::header::SET_COOKIE`). */
function isHeader(expr: Expr | undefined, value: Value | undefined, name: string): boolean {
  if (!expr) return false;
  const path = pathOf(expr);
  if (path && path.split('.').pop()!.toUpperCase() === name.toUpperCase().replace(/-/g, '_')) return true;
  return typeof value?.constant === 'string' && value.constant.toLowerCase() === name.toLowerCase();
}

/** The literal text of a `format!` template (placeholders left out). */
function templateText(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.k === 'lit') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr.k !== 'template') return undefined;
  return expr.parts.map((p) => (p.k === 'lit' ? String(p.value) : '\u0000')).join('');
}

/** The kind of a `Set-Cookie` value built from `text`: whether it says `Secure`, or is a cookie that does not need it. */
function setCookieKind(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*([^=;\s]+)=/.exec(text);
  if (!match || !/;\s*(?:path|httponly|max-age|expires|samesite|domain)\b/i.test(text)) return undefined;
  if (/;\s*secure\b/i.test(text) || /^__(?:Secure|Host)-/.test(match[1]!)) return 'set-cookie:secure';
  return secretContext(match[1]!) ? 'set-cookie' : undefined;
}

/** The format string's text up to its first placeholder (`format!("https://{}/x", h)` → `https://`). */
function formatPrefix(call: Expr & { k: 'call' }): string | undefined {
  if (pathOf(call.callee) !== 'format!') return undefined;
  const template = call.args[0]?.value;
  return template ? leadingText(template) : undefined;
}

/** The name a cookie is built with, when it is a constant (`Cookie::build("theme", v)`, `Cookie::build(("id", v))`). */
function cookieName(site: CallSite): string | undefined {
  const first = arg(site, 0);
  if (!first) return undefined;
  const name = first.expr.k === 'seq' ? first.value.fields?.get('0')?.constant : first.value.constant;
  return typeof name === 'string' ? name : undefined;
}

/** True when the call's result is used further along a method chain (`a.b().c()`: `a.b()` is not the end). */
function chainContinues(node: SyntaxNode): boolean {
  let n = node.parent;
  while (n && (n.type === 'try_expression' || n.type === 'await_expression' || n.type === 'parenthesized_expression')) n = n.parent;
  return n?.type === 'field_expression';
}

/** What an HTTP response builder's `content_type(…)` makes it: HTML, or a type browsers do not render. */
function responseKind(a: { expr: Expr; value: Value } | undefined): string {
  if (!a) return 'response';
  const constant = a.value.constant;
  if (typeof constant === 'string') return /html/i.test(constant) ? 'response:html' : 'response:other';
  const path = pathOf(a.expr) ?? '';
  if (/html/i.test(path)) return 'response:html';
  if (/json|plaintext|text|octet|png|jpeg|xml/i.test(path)) return 'response:other';
  return 'response';
}

/**
 * Response text: what a browser renders, unless it is an opaque value never built into a
 * string. Without a Content-Type, text that starts with something other than markup (`"Hello
 * {}"`) is sniffed as plain text.
 */
function htmlBody(value: Value | undefined, leading?: string): Value | undefined {
  if (!value || (value.opaque && !value.built)) return undefined;
  if (leading !== undefined && leading.trim() !== '' && !leading.trimStart().startsWith('<')) return undefined;
  return value;
}

/** A value a sanitiser made safe for `classes`. */
function sanitised(value: Value, classes: Cwe[]): Value {
  return value.level === Level.Clean ? CLEAN : { ...value, safeFor: new Set([...(value.safeFor ?? []), ...classes]), built: false, constant: undefined };
}

function pattern(cwe: Cwe, rule: string, site: CallSite, what: string): SinkHit {
  return sink(cwe, rule, { level: Level.Tainted }, 'never', site, what, true);
}

/** A value with a kind but otherwise the receiver's (a builder keeps its taint, changes its state). */
function withKind(value: Value | undefined, kind: string): Value {
  return { ...(value ?? CLEAN), kind, constant: undefined };
}

/**
 * What a cookie call does: `Cookie::build`/`Cookie::new` start one (a cookie named for something
 * harmless, like `theme`, never needs `Secure`), `secure(…)`/`set_secure(…)` decide it, and a
 * builder chain that ends without `secure(true)`, or `set_secure(false)`, is reported there
 * (the cookie is then `cookie:reported`, so where it is used is not reported again).
 */
function cookieStep(site: CallSite): { kind: string; report: boolean } | undefined {
  const path = site.path ?? '';
  const method = site.method ?? '';
  let kind: string;
  if (!site.receiver && /(?:^|\.)(?:Cookie\.(?:build|new)|CookieBuilder\.new)$/.test(path)) {
    const name = cookieName(site);
    if (name !== undefined && !secretContext(name)) return { kind: 'cookie:harmless', report: false };
    kind = /build$|Builder\.new$/.test(path) ? 'cookie-builder' : 'cookie';
  } else {
    const current = site.receiver?.kind;
    if (!current?.startsWith('cookie')) return undefined;
    if (current === 'cookie:harmless') return { kind: current, report: false };
    kind = current;
    if (method === 'secure' || method === 'set_secure') kind = site.args[0]?.value.constant === false ? 'cookie:insecure' : 'cookie:secure';
  }
  const endsBuilder = (kind === 'cookie-builder' || kind === 'cookie:insecure') && !chainContinues(site.expr.node) && builtCookie(site.expr);
  const report = endsBuilder || (method === 'set_secure' && kind === 'cookie:insecure');
  return { kind: report ? 'cookie:reported' : kind, report };
}

export const rustRules: LanguageRules = {
  param(fn: FunctionIR, index: number, module: ModuleIR, tree: SyntaxTree): Value | undefined {
    const p = fn.params[index];
    if (!p) return undefined;
    if (p.name === 'self') return CLEAN;
    const type = stripRef(p.type ?? '');
    const resolved = resolvedType(type, module);
    if (/\bSession\b/.test(type)) return { level: Level.Unknown, kind: 'session' };
    if (/reqwest::(?:blocking::)?Client\b/.test(resolved)) return { level: Level.Unknown, kind: 'http-client' };
    // warp: a closure mapped over a filter chain receives what the filters extracted.
    if (fn.decorators.some((d) => d.k === 'call' && rootName(d) === 'warp') && /^(?:String|&(?:'\w+\s*)?str|HashMap<.*>|(?:bytes::)?Bytes|Vec<u8>|(?:serde_json::)?Value|(?:warp::path::)?FullPath|\w*(?:Query|Form|Params|Body|Input|Payload|Request)\w*)$/.test((p.type ?? '').trim())) {
      return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a warp filter value' } };
    }
    if (!isHandler(fn, tree)) return undefined;
    if (/(?:^|::)CookieJar\b/.test(type)) return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'the request cookies' } };
    if (isExtractor(p.type) && !/^std::/.test(resolved)) {
      if (numericOnly(type)) return CLEAN;
      return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a request extractor' } };
    }
    if (/^(?:String|(?:bytes::|web::|actix_web::web::)?Bytes|Vec<u8>)$/.test(type)) return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'the request body' } };
    // Rocket binds route segments and query values to plain parameters (`fn get(name: &str)`).
    if (routed(fn) && /^(?:&(?:'\w+\s*)?str|String|Option<(?:&(?:'\w+\s*)?str|String)>|PathBuf|Vec<String>)$/.test((p.type ?? '').replace(/\s+/g, ' ').trim())) {
      return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a route parameter' } };
    }
    return undefined;
  },

  call(site: CallSite, tree: SyntaxTree): Value | undefined {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const receiver = site.receiver;
    const first = arg(site, 0);
    // Request data through an `HttpRequest`.
    const root = site.receiverExpr ? rootName(site.receiverExpr) : undefined;
    if (root && site.receiverExpr?.k === 'name' && requestNames(site.fn).has(root) && REQUEST_METHODS.test(method)) return sourceAt(site, tree, 'the request');
    if (/^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool)$/.test(path) && !site.receiver) {
      // A number: no text left, but a clock value stays one (a seed).
      return { level: Level.Clean, ...(first?.value.kind === 'clock' ? { kind: 'clock' } : {}) };
    }
    if (method === 'parse' && turbofishNumeric(site, tree)) return CLEAN;
    if (CLEANERS.test(path)) return CLEAN;
    if (site.expr.callee.k === 'name' && factsOf(tree)?.constantFunctions.has(site.expr.callee.name)) return CLEAN;
    for (const [re, classes] of SANITISERS) {
      if (!re.test(path)) continue;
      let out: Value = CLEAN;
      for (const a of site.args) out = join(out, flatten(a.value));
      return sanitised(out, classes);
    }
    // `name.map(sanitize_filename::sanitize)`: a sanitiser passed by name cleans what it maps.
    if (receiver && /^(?:map|map_or|map_or_else|and_then)$/.test(method)) {
      for (const a of site.args) {
        const classes = a.expr.k === 'attr' || a.expr.k === 'name' ? SANITISERS.find(([re]) => re.test(pathOf(a.expr) ?? ''))?.[1] : undefined;
        if (classes) return sanitised(flatten(receiver), classes);
      }
    }
    if (path === 'format!' || path === 'concat!') {
      const template = first?.value ?? CLEAN;
      const text = templateText(first?.expr);
      const kind = urlKind(leadingText(first?.expr ?? { k: 'lit', value: null, node: site.expr.node })) ?? setCookieKind(text);
      return { ...template, ...(kind ? { kind } : {}) };
    }
    if (/(?:^|\.)maud\.html!$|^html!$/.test(path)) return { level: Level.Clean, kind: 'markup' };
    if (WRAPPERS.test(path) && !site.receiver && first) return first.value;
    if (CLOCKS.test(path)) return { level: Level.Unknown, kind: 'clock' };
    // Commands: which program, and whether a `-c` script follows.
    if (COMMAND_NEW.test(path)) {
      const program = first?.value.constant;
      return { level: Level.Clean, kind: typeof program === 'string' && SHELLS.test(program) ? 'command:shell' : 'command' };
    }
    if (receiver?.kind?.startsWith('command') && COMMAND_BUILDERS.test(method)) return withKind(CLEAN, commandAfter(site));
    // Queries: sqlx/diesel builders keep their SQL; running them returns stored data.
    if (SQL_FUNCTIONS.test(path)) return { level: Level.Clean, kind: 'sql' };
    if (receiver?.kind === 'sql') return SQL_RESULTS.test(method) ? UNKNOWN : { level: Level.Clean, kind: 'sql' };
    if (site.receiver && SQL_METHODS.test(method) && sqlReceiver(site, tree)) return UNKNOWN;
    // Paths.
    if (method === 'canonicalize' && receiver) return withKind(receiver, 'path:canonical');
    if (/(?:^|\.)fs\.canonicalize$/.test(path) && first) return withKind(first.value, 'path:canonical');
    if (FILE_NAME_METHODS.test(method) && receiver && receiver.level > Level.Clean) return { ...receiver, safeFor: new Set([...(receiver.safeFor ?? []), 'CWE-22', 'CWE-78']), constant: undefined };
    // HTTP clients, responses, cookies, script engines.
    if (/(?:^|\.)reqwest\.(?:blocking\.)?Client\.(?:new|builder|default)$|(?:^|\.)ClientBuilder\.new$/.test(path)) return { level: Level.Clean, kind: 'http-client' };
    if (receiver?.kind === 'http-client' && (CLIENT_METHODS.test(method) || method === 'request')) return { ...receiver, kind: 'http-request' };
    // Decoders hand the data itself on: a struct decoded from the body, the body as text.
    if (/(?:^|\.)(?:serde_json|serde_yaml|toml|serde_urlencoded|serde_qs|simd_json)\.from_(?:str|slice|reader|bytes|value)$|(?:^|\.)(?:String\.from_utf8(?:_lossy)?|str\.from_utf8)$/.test(path) && first) {
      const out: Value = { ...flatten(first.value), constant: undefined };
      delete out.opaque;
      return out;
    }
    // A file's content is not the input that named the file.
    if (FS_FUNCTIONS.test(path)) return UNKNOWN;
    // What another server answers is not this request's input.
    if ((receiver?.kind === 'http-request' && /^(?:send|execute|call)$/.test(method)) || HTTP_FUNCTIONS.test(path)) return UNKNOWN;
    if (/(?:^|\.)HttpResponse\.\w+$|(?:^|\.)HttpResponseBuilder\.new$|(?:^|\.)Response\.builder$/.test(path) && !site.receiver) return { level: Level.Clean, kind: 'response' };
    if (receiver?.kind?.startsWith('response') && /^(?:header|insert_header|append_header)$/.test(method)) {
      const pair = site.args.length === 2 ? { name: arg(site, 0), value: arg(site, 1) } : { name: tupleItem(first, 0), value: tupleItem(first, 1) };
      if (pair.name && isHeader(pair.name.expr, pair.name.value, 'content-type')) return withKind(receiver, responseKind(pair.value));
    }
    if (receiver?.kind?.startsWith('response') && (method === 'content_type' || method === 'set_content_type')) return withKind(receiver, responseKind(first));
    const cookie = cookieStep(site);
    if (cookie) return { level: Level.Clean, kind: cookie.kind };
    if (/(?:^|\.)(?:rhai\.Engine|mlua\.Lua|boa_engine\.Context|deno_core\.JsRuntime)\.(?:new|default|new_raw)$/.test(path)) return { level: Level.Clean, kind: 'script-engine' };
    if (/(?:^|\.)OpenOptions\.new$/.test(path)) return { level: Level.Clean, kind: 'open-options' };
    if (/(?:^|\.)Regex\.new$|(?:^|\.)RegexBuilder\.new$/.test(path)) {
      const re = first?.value.constant;
      return { level: Level.Clean, kind: typeof re === 'string' && /^(?:\(\?[a-z]+\))?(?:\^|\\A)/.test(re) && /(?:\$|\\z)$/.test(re) ? 'regex:anchored' : 'regex' };
    }
    if (IDENTITY_METHODS.test(method) && receiver && !site.args.length) return receiver;
    if (SCALAR_METHODS.test(method) && site.receiver) return CLEAN;
    // A lookup keyed by input (`users.get(&form.username)`) returns what the map or store holds.
    if (site.receiver && site.receiverExpr && receiver && receiver.level < Level.Tainted && !receiver.kind && /^(?:get|get_mut|find|lookup|load|fetch|by_\w+|find_\w+|get_\w+|load_\w+)$/.test(method)) return UNKNOWN;
    return undefined;
  },

  sinks(site: CallSite, tree: SyntaxTree): SinkHit[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const receiver = site.receiver;
    const hits: SinkHit[] = [];
    const at = callNode(site, tree);
    const add = (cwe: Cwe, rule: string, value: Value | undefined, unknownOrigin: SinkHit['unknownOrigin'], what: string) => {
      if (value) hits.push({ ...sink(cwe, rule, value, unknownOrigin, site, what), node: at });
    };
    const first = arg(site, 0);

    // SQL.
    if (SQL_FUNCTIONS.test(path)) add('CWE-89', 'sql-injection', first?.value, 'built', 'an SQL query');
    if (/(?:^|\.)Statement\.from_string$/.test(path)) add('CWE-89', 'sql-injection', arg(site, 1)?.value, 'built', 'an SQL query');
    if (site.receiver && SQL_METHODS.test(method) && sqlReceiver(site, tree) && first && first.value.kind !== 'sql') add('CWE-89', 'sql-injection', first.value, 'built', 'an SQL query');

    // Commands: the script after a shell's `-c`, or a program named by input.
    if (COMMAND_NEW.test(path) && first && first.value.constant === undefined) add('CWE-78', 'command-injection', first.value, 'never', 'the program a command runs');
    if (receiver?.kind === 'command:shell-c' && method === 'arg') add('CWE-78', 'command-injection', first?.value, 'any', 'a shell command');
    if (receiver?.kind?.startsWith('command:shell') && method === 'args' && first) {
      const items = first.expr.k === 'seq' ? first.expr.items : [];
      const start = receiver.kind === 'command:shell-c' ? 0 : items.findIndex((_, i) => isShellFlag(first.value.fields?.get(String(i))?.constant)) + 1;
      if (start > 0 || receiver.kind === 'command:shell-c') {
        const script = first.value.fields?.get(String(start));
        if (script && start < items.length) add('CWE-78', 'command-injection', script, 'any', 'a shell command');
      }
    }

    // Code.
    if (receiver?.kind === 'script-engine' && /^(?:eval|eval_expression|eval_with_scope|eval_expression_with_scope|run|run_with_scope|compile|compile_expression|load|execute_script)$/.test(method)) add('CWE-94', 'code-injection', first?.value, 'any', 'code that is evaluated');

    // Paths.
    if (FS_FUNCTIONS.test(path)) {
      add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
      if (/\.(?:copy|rename|hard_link)$/.test(path)) add('CWE-22', 'path-traversal', arg(site, 1)?.value, 'never', 'a file path');
    }
    if (receiver?.kind === 'open-options' && method === 'open') add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');

    // SSRF.
    const url = HTTP_FUNCTIONS.test(path)
      ? first
      : site.receiver && site.receiverExpr && (receiver?.kind === 'http-client' || (/client/i.test(tree.textOf(site.receiverExpr.node)) && !receiver?.kind)) && CLIENT_METHODS.test(method)
        ? first
        : site.receiver && site.receiverExpr && receiver?.kind === 'http-client' && method === 'request'
          ? arg(site, 1)
          : undefined;
    if (url && !fixedOrigin(leadingText(url.expr, formatPrefix) ?? url.value.prefix) && url.value.kind !== 'url:fixed-origin') add('CWE-918', 'ssrf', url.value, 'never', 'the URL of an outgoing request');

    // Redirects: `Redirect::to(x)`, a `Location` header.
    const targets: { expr: Expr; value: Value }[] = [];
    if (REDIRECTS.test(path) && first) targets.push(first);
    if (site.receiver && site.receiverExpr && /^(?:insert_header|append_header)$/.test(method)) {
      const name = tupleItem(first, 0);
      const value = tupleItem(first, 1);
      if (value && isHeader(name?.expr, name?.value, 'location')) targets.push(value);
    }
    if (site.receiver && site.receiverExpr && /^(?:header|insert|append)$/.test(method) && site.args.length === 2 && isHeader(first?.expr, first?.value, 'location')) targets.push(arg(site, 1)!);
    for (const t of targets) {
      if (!staysOnSite(leadingText(t.expr, formatPrefix) ?? t.value.prefix) && t.value.kind !== 'url:local' && t.value.kind !== 'url:fixed-origin') add('CWE-601', 'open-redirect', t.value, 'never', 'a redirect target');
    }

    // XSS: HTML responses, markup marked as already escaped.
    if (receiver && (receiver.kind === 'response' || receiver.kind === 'response:html') && method === 'body' && first) {
      add('CWE-79', 'xss', htmlBody(first.value, receiver.kind === 'response' ? leadingText(first.expr, formatPrefix) : undefined), 'never', 'an HTML response');
    }
    if (/(?:^|\.)(?:Html|PreEscaped|RawHtml)$/.test(path) && !site.receiver && (/^(?:axum|maud|rocket)\./.test(path) || /^(?:Html|PreEscaped|RawHtml)$/.test(path))) add('CWE-79', 'xss', htmlBody(first?.value), 'never', path.endsWith('PreEscaped') ? 'markup that is not escaped' : 'an HTML response');
    if (/^warp\.reply\.html$/.test(path)) add('CWE-79', 'xss', htmlBody(first?.value), 'never', 'an HTML response');

    // LDAP and XPath.
    if (site.receiver && site.receiverExpr && /^(?:search|streaming_search)$/.test(method) && site.args.length >= 3 && (receiver?.kind === 'ldap' || /ldap|conn/i.test(tree.textOf(site.receiverExpr.node)))) add('CWE-90', 'ldap-injection', arg(site, 2)?.value, 'built', 'an LDAP search filter');
    if (/(?:^|\.)evaluate_xpath$/.test(path)) add('CWE-643', 'xpath-injection', arg(site, 1)?.value, 'built', 'an XPath query');

    // Trust boundary.
    if (site.receiver && site.receiverExpr && /^(?:insert|set|insert_value|set_value)$/.test(method) && site.args.length === 2 && (receiver?.kind === 'session' || /session/i.test(tree.textOf(site.receiverExpr.node)))) {
      add('CWE-501', 'trust-boundary', arg(site, 1)?.value, 'never', 'the server-side session');
    }

    // Weak hashes, weak randomness, cookies: what the code does, whatever the data.
    if (WEAK_HASHES.test(path) || (/(?:^|\.)(?:ring\.digest\.digest|digest\.Context\.new|openssl\.hash\.hash)$/.test(path) && /SHA1|MD5/i.test(pathOf(first?.expr ?? { k: 'lit', value: null, node: site.expr.node }) ?? ''))) {
      const context = `${contextText(site, tree)} ${site.args.map((a) => tree.textOf(a.expr.node)).join(' ')} ${usageContext(site, tree)}`;
      hits.push(pattern(passwordContext(context) ? 'CWE-328' : 'CWE-327', 'weak-hash', site, 'a weak hash'));
    }
    const weakRandom = WEAK_RANDOM.test(path) || site.args.some((a) => (a.expr.k === 'attr' ? WEAK_RANDOM.test(pathOf(a.expr) ?? '') : false)) || (/^(?:next|next_u32|next_u64|gen|gen_range|random|rand|next_int|generate)$/.test(method) && seededByClock(receiver));
    if (weakRandom && secretContext(contextText(site, tree))) hits.push(pattern('CWE-330', 'weak-random', site, 'a secret value'));
    if (cookieStep(site)?.report) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    // A cookie made with `Cookie::new` and never given `Secure`, where it is sent.
    if (site.receiver && site.receiverExpr && /^(?:cookie|add_cookie|add)$/.test(method) && first?.value.kind === 'cookie') hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    const setCookie =
      site.receiver && site.receiverExpr && /^(?:insert_header|append_header)$/.test(method)
        ? isHeader(tupleItem(first, 0)?.expr, tupleItem(first, 0)?.value, 'set-cookie') ? tupleItem(first, 1)?.value : undefined
        : site.receiver && site.receiverExpr && /^(?:insert|append|header)$/.test(method) && site.args.length === 2 && isHeader(first?.expr, first?.value, 'set-cookie') ? arg(site, 1)?.value : undefined;
    if (setCookie && (setCookie.kind === 'set-cookie' || (typeof setCookie.constant === 'string' && setCookieKind(setCookie.constant) === 'set-cookie'))) hits.push(pattern('CWE-614', 'insecure-cookie', site, 'a cookie'));
    return hits;
  },

  returnSinks(fn: FunctionIR, value: Value, expr: Expr, node): SinkHit[] {
    // axum answers a tuple: `([(header::CONTENT_TYPE, "text/html")], body)` sends `body` as HTML,
    // `(StatusCode::FOUND, [(header::LOCATION, url)])` redirects (`Ok(…)` around it too).
    while (expr.k === 'call' && /^(?:Ok|Some)$/.test(pathOf(expr.callee) ?? '') && expr.args.length === 1) expr = expr.args[0]!.value;
    if (expr.k !== 'seq' || expr.items.length < 2) return [];
    const hits: SinkHit[] = [];
    let html = false;
    expr.items.forEach((headers, i) => {
      if (headers.k !== 'seq') return;
      const values = value.fields?.get(String(i));
      headers.items.forEach((pair, j) => {
        if (pair.k !== 'seq' || pair.items.length !== 2) return;
        const [name, content] = pair.items;
        if (isHeader(name, undefined, 'content-type') && content?.k === 'lit' && /html/i.test(String(content.value))) html = true;
        if (isHeader(name, undefined, 'location') && content && !staysOnSite(leadingText(content, formatPrefix))) {
          const target = values?.fields?.get(String(j))?.fields?.get('1') ?? (values ? flatten(values) : flatten(value));
          if (target.kind !== 'url:local' && target.kind !== 'url:fixed-origin') hits.push({ cwe: 'CWE-601', rule: 'open-redirect', value: target, unknownOrigin: 'never', node, what: 'a redirect target' });
        }
      });
    });
    if (html) {
      const body = htmlBody(value.fields?.get(String(expr.items.length - 1)) ?? flatten(value));
      if (body) hits.push({ cwe: 'CWE-79', rule: 'xss', value: body, unknownOrigin: 'never', node, what: 'an HTML response' });
    }
    return hits;
  },

  exits(site: CallSite): boolean {
    return /^(?:std\.)?process\.(?:exit|abort)$/.test(site.path ?? '');
  },

  guardCall(site: CallSite): Expr[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const first = arg(site, 0);
    const receiverExpr = site.receiverExpr;
    // `s.chars().all(|c| c.is_ascii_alphanumeric())`, `p.components().all(|c| matches!(c, Normal(_)))`.
    if (receiverExpr && method === 'all' && receiverExpr.k === 'call' && receiverExpr.callee.k === 'attr' && /^(?:chars|bytes|components|char_indices)$/.test(receiverExpr.callee.name)) return [receiverExpr];
    if (receiverExpr && method === 'starts_with' && first) {
      const prefix = typeof first.value.constant === 'string' ? first.value.constant : undefined;
      if (site.receiver?.kind === 'path:canonical' && first.value.level < Level.Tainted) return [receiverExpr];
      if (fixedOrigin(prefix)) return [receiverExpr];
    }
    if (receiverExpr && method === 'contains' && site.receiver?.level === Level.Clean && first) return [first.expr];
    if (receiverExpr && /^(?:is_match|matches)$/.test(method) && site.receiver?.kind !== 'regex' && first) return [first.expr];
    if (!receiverExpr && site.expr.callee.k === 'name' && /^(?:is_|valid|check_|safe_|allowed|plausible|looks_like)/.test(path) && first) return [first.expr];
    return [];
  },

  guardCallFalse(site: CallSite): Expr[] {
    // `name.contains("..")`: a deny-list of punctuation that found none.
    const first = arg(site, 0);
    if (site.receiverExpr && site.method === 'contains' && first && denyList(first.value.constant)) return [site.receiverExpr];
    // `!next.starts_with('/') || next.starts_with("//")`: past it, a path on this site.
    if (site.receiverExpr && site.method === 'starts_with' && (first?.value.constant === '//' || first?.value.constant === '/\\')) return [site.receiverExpr];
    return [];
  },

  mutators: new Set(['extend', 'extend_from_slice', 'write_str', 'write_all', 'insert', 'append']),

  receiverAfter(site: CallSite): Value | undefined {
    const receiver = site.receiver;
    if (!receiver || site.receiverExpr?.k !== 'name') return undefined;
    const method = site.method ?? '';
    // `s.push_str(x)`: a string built from its pieces.
    if (method === 'push_str' || method === 'push') {
      // A `Vec` (a list literal, or pushed a tuple) collects items; a `String` is built.
      const list = receiver.fields !== undefined || site.args.some((a) => a.expr.k === 'seq');
      let out: Value = { ...receiver, constant: undefined, opaque: false };
      for (const a of site.args) out = join(out, { ...flatten(a.value), opaque: false });
      return out.level > Level.Clean && !list ? { ...out, built: true } : out;
    }
    if (receiver.kind?.startsWith('command') && COMMAND_BUILDERS.test(method)) return withKind(receiver, commandAfter(site));
    if (receiver.kind?.startsWith('response') && (method === 'content_type' || method === 'set_content_type')) return withKind(receiver, responseKind(arg(site, 0)));
    const cookie = method.startsWith('set_') ? cookieStep(site) : undefined;
    if (cookie) return withKind(receiver, cookie.kind);
    return undefined;
  },
};

function isShellFlag(value: unknown): boolean {
  return value === '-c' || value === '/c' || value === '/C' || value === '-Command';
}

/** A command's kind after `.arg(…)`/`.args(…)`: a shell, a shell given `-c`, a shell given its script. */
function commandAfter(site: CallSite): string {
  const kind = site.receiver?.kind ?? 'command';
  const first = site.args[0];
  if (site.method === 'arg') {
    if (kind === 'command:shell' && isShellFlag(first?.value.constant)) return 'command:shell-c';
    if (kind === 'command:shell-c') return 'command:shell-script';
    return kind;
  }
  if (site.method === 'args' && kind.startsWith('command:shell') && first) {
    const count = first.expr.k === 'seq' ? first.expr.items.length : 0;
    const flag = [...Array(count).keys()].findIndex((i) => isShellFlag(first.value.fields?.get(String(i))?.constant));
    if (kind === 'command:shell' && flag !== -1) return flag === count - 1 ? 'command:shell-c' : 'command:shell-script';
    if (kind === 'command:shell-c' && count) return 'command:shell-script';
  }
  return kind;
}

/** Receivers named like a database handle (`conn`, `pool`, `tx`, `client`, `db`). */
const DB_RECEIVER = /(?:^|[^A-Za-z0-9_])(?:conn|connection|db|pool|tx|transaction|client|pg|sqlite|mysql|executor|database|stmt|statement)(?:$|[^A-Za-z0-9_])/i;
const SQL_TEXT = /^\s*(?:select|insert|update|delete|create|drop|alter|with|pragma|replace|truncate|merge)\b/i;

/**
 * True when a method call looks like it runs SQL: not on an HTTP request builder or a command,
 * with SQL text first (a query built here, or one that reads like SQL), or on a receiver named
 * like a database handle. `execute`, `query` and `prepare` are common names elsewhere.
 */
function sqlReceiver(site: CallSite, tree: SyntaxTree): boolean {
  const kind = site.receiver?.kind;
  if (kind && /^(?:http|response|command|sql|cookie|session|url|markup|regex)/.test(kind)) return false;
  const first = site.args[0];
  // `query(&[("q", x)])` (reqwest) and `execute(&pool)` (sqlx) do not take SQL text first.
  if (!first || first.expr.k === 'seq') return false;
  const text = first.value.constant;
  if (first.value.built || (typeof text === 'string' && SQL_TEXT.test(text))) return true;
  return site.receiverExpr !== undefined && DB_RECEIVER.test(tree.textOf(site.receiverExpr.node));
}

/** `s.parse::<i64>()`: a number. */
function turbofishNumeric(site: CallSite, tree: SyntaxTree): boolean {
  const fn = field(site.expr.node, 'function');
  if (fn?.type !== 'generic_function') return false;
  const types = field(fn, 'type_arguments');
  return types !== undefined && NUMERIC.test(tree.textOf(types).replace(/^<|>$/g, '').trim());
}

/** True when a generator's state comes from the clock (`Lcg { state: SystemTime::now()… }`). */
function seededByClock(receiver: Value | undefined): boolean {
  if (!receiver) return false;
  if (receiver.kind === 'clock') return true;
  for (const value of receiver.fields?.values() ?? []) if (value.kind === 'clock') return true;
  return false;
}

/** True when the call ends a `Cookie::build(…)` chain (a builder, not a cookie set up statement by statement). */
function builtCookie(expr: Expr): boolean {
  let e: Expr = expr;
  while (e.k === 'call' && e.callee.k === 'attr') {
    if (e.callee.object.k !== 'call') break;
    e = e.callee.object;
  }
  return e.k === 'call' && /(?:^|\.)(?:Cookie\.build|CookieBuilder\.new)$/.test(pathOf(e.callee) ?? '');
}
