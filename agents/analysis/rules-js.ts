/**
 * What JavaScript and TypeScript code contributes to the taint analysis: request data of
 * Express, Koa, Next.js (pages and app router), Fastify and NestJS handlers as sources; Node's
 * and common packages' sinks (child_process, fs, database drivers and query builders, HTTP
 * clients, ldapjs/ldapts, xpath, libxmljs, node-serialize, js-yaml, vm) and the browser's
 * (innerHTML, document.write, location); the sanitisers and guards that make input safe.
 */
import { walk, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { pathOf, rootName, type Expr, type FunctionIR, type ModuleIR, type Target } from './ir';
import { PASSWORD_CONTEXT, SECRET_CONTEXT, sink, truthyConstant } from './rule-kit';
import { CLEAN, Level, UNKNOWN, flatten, join, type CallSite, type Cwe, type LanguageRules, type SinkHit, type Value } from './taint';

/** How a handler's parameter is filled. */
type ParamRole = 'request' | 'koa' | 'response' | 'fastify-reply' | 'hapi-toolkit' | 'route-params' | 'bound';

/** Types of a handler's parameters, written whole (`Request`, `express.Request`, `NextApiRequest<…>`), not as part of a union. */
const REQUEST_TYPE = /^(?:[\w$]+\.)?(?:Request|NextRequest|NextApiRequest|FastifyRequest|IncomingMessage)(?:<.*>)?$/s;
const RESPONSE_TYPE = /^(?:[\w$]+\.)?(?:Response|NextApiResponse|ServerResponse)(?:<.*>)?$/s;
const KOA_TYPE = /^(?:[\w$]+\.)?(?:Context|ParameterizedContext|RouterContext|DefaultContext)(?:<.*>)?$/s;
/** NestJS parameter decorators that bind request data. */
const BOUND_DECORATOR = /^(?:Query|Body|Param|Params|Headers|Header|Req|Request|Cookies|UploadedFile|UploadedFiles|HostParam)\b/;

/** Attributes of a request (Express, Next, Fastify, Hapi; Koa's `ctx` and `ctx.request`) that hold what the client sent. */
const REQUEST_SOURCES: Record<string, string> = {
  query: 'the query string',
  body: 'the request body',
  params: 'a route parameter',
  headers: 'a request header',
  header: 'a request header',
  cookies: 'a cookie',
  url: 'the request URL',
  originalUrl: 'the request URL',
  href: 'the request URL',
  path: 'the request path',
  querystring: 'the query string',
  search: 'the query string',
  nextUrl: 'the request URL',
  files: 'an uploaded file',
  file: 'an uploaded file',
  fields: 'a form field',
  rawBody: 'the request body',
  rawHeaders: 'a request header',
  payload: 'the request body',
  host: 'the Host header',
  hostname: 'the Host header',
  subdomains: 'the Host header',
};
/** Parts of Next's `request.nextUrl` that are the server's own (its origin), not the client's data. */
const OWN_URL_PARTS = new Set(['origin', 'host', 'hostname', 'protocol', 'port', 'basePath', 'locale', 'defaultLocale', 'buildId']);
/** Request methods that read what the client sent. */
const REQUEST_READERS: Record<string, string> = {
  get: 'a request header',
  header: 'a request header',
  param: 'a request parameter',
  json: 'the request body',
  formData: 'the request body',
  text: 'the request body',
  arrayBuffer: 'the request body',
  blob: 'the request body',
};
/** Request methods that answer a question about the request, not its data. */
const REQUEST_PREDICATES = new Set(['is', 'accepts', 'acceptsCharsets', 'acceptsEncodings', 'acceptsLanguages', 'range', 'on', 'once', 'pipe', 'setTimeout']);

/** What a browser source is called in findings (and how sinks that only matter on servers recognise it). */
const PAGE_URL = 'the page URL';
/** Browser sources for DOM XSS and client-side redirects. */
const BROWSER_SOURCES = /^(?:(?:window\.|document\.)?location\.(?:hash|search|href|pathname)|document\.(?:URL|documentURI|referrer|baseURI)|window\.name)$/;

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)$/;

/** Whole-value sanitisers: what comes out is a number, a boolean or a fresh value. */
const CLEANERS = /^(?:parseInt|parseFloat|Number|Boolean|isNaN|isFinite|Number\.(?:parseInt|parseFloat|isInteger|isSafeInteger|isFinite|isNaN)|Math\.\w+|Date\.now|Date\.parse|Array\.isArray|crypto\.(?:randomUUID|randomBytes|randomInt)|uuid\.v[1-7]|nanoid(?:\.nanoid)?|Buffer\.byteLength|validator\.is\w+)$/;
/** Methods whose result is a boolean or a number whatever their receiver. */
const PREDICATE_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'search', 'localeCompare', 'charCodeAt', 'codePointAt', 'has', 'every', 'some', 'hasOwnProperty', 'getTime', 'isValid', 'findIndex', 'size']);

/** Sanitisers for some classes only, by resolved path. */
const SANITISERS: [RegExp, Cwe[]][] = [
  [/^(?:escape-html|he\.(?:encode|escape)|lodash\.escape|lodash\/escape|underscore\.escape|validator\.escape|html-escaper\.escape|xss|xss\.filterXSS|filterXSS|(?:isomorphic-)?dompurify\.sanitize|DOMPurify\.sanitize|sanitize-html|escape-goat\.htmlEscape|entities\.(?:encode|encodeHTML|escape))$/i, ['CWE-79', 'CWE-643']],
  [/^react-dom\/server\.(?:renderToString|renderToStaticMarkup)$|^serialize-javascript$/, ['CWE-79']],
  [/^(?:encodeURIComponent|querystring\.(?:escape|stringify)|qs\.stringify)$/, ['CWE-79', 'CWE-918', 'CWE-601']],
  [/^(?:path\.basename|path\.posix\.basename|path\.win32\.basename|sanitize-filename)$/, ['CWE-22']],
  [/^(?:ldap-escape\.(?:filter|dn)|ldapjs\.escapeFilter|ldap-filter\.escape)$/, ['CWE-90']],
  [/^(?:shell-quote\.quote|shell-escape|shescape\.(?:quote|escape)|any-shell-escape)$/, ['CWE-78']],
  [/^(?:sqlstring\.(?:escape|escapeId|format)|mysql2?\.(?:escape|escapeId|format)|pg-format|pg\.escape(?:Literal|Identifier))$/, ['CWE-89']],
];
/** Sanitisers written in the project, by their name: `escapeHtml`, `escapeLdapFilter`, `shellQuote`. */
const NAMED_SANITISERS: [RegExp, Cwe[]][] = [
  [/^(?:escape|encode)(?:Html|HTML|Xml|XML)\w*$|^(?:html|xml)(?:Escape|Encode)\w*$|^sanitize(?:Html|HTML)$/, ['CWE-79', 'CWE-643']],
  [/escape\w*(?:ldap|filter|dn)|(?:ldap|filter)\w*escape/i, ['CWE-90']],
  [/(?:shell|arg)\w*(?:quote|escape)|(?:quote|escape)\w*(?:shell|arg)/i, ['CWE-78']],
  [/^escape(?:Literal|Identifier|Sql|SQL|Id)$|^sqlEscape/, ['CWE-89']],
  [/escape\w*xpath|xpath\w*escape/i, ['CWE-643']],
];

/** LDAP filter objects (ldapjs, ldapts): they escape the values they are given. */
const LDAP_FILTER_CLASS = /(?:^|\.)(?:And|Or|Not|Equality|Substring|Presence|GreaterThanEquals|LessThanEquals|Approximate|Extensible)Filter$/;
/** Database clients and query builders: methods like `get`/`all`/`run` on them take SQL. */
const SQL_CLIENT = /^(?:mysql2?(?:\/promise)?\.(?:createPool|createConnection|createPoolCluster)|pg\.(?:Pool|Client)|sqlite3\.(?:verbose\(\)\.)?Database|sqlite\.open|better-sqlite3|knex|sequelize\.Sequelize|sequelize|mssql\.(?:connect|ConnectionPool)|pg-promise\(\)|postgres|oracledb\.getConnection|typeorm\.DataSource|@databases\/\w+)$/;
/** A receiver whose name says it is a database handle. */
const SQL_RECEIVER = /(?:^|[._])(?:db|database|pool|conn|connection|client|sequelize|knex|pg|mysql|sqlite|sql|tx|trx|transaction|manager|entityManager|dataSource|queryRunner|repository|repo|prisma)$/i;
/** The same, for methods as common as `get` and `run`: only names no HTTP or cache client goes by. */
const SQL_ONLY_RECEIVER = /(?:^|[._])(?:db|database|sqlite3?|sql|knex|pool|tx|trx)$/i;
/** SQL keywords: text that is a query (GraphQL or a cache key is not). */
const SQL_TEXT = /\b(?:select|insert|update|delete|replace|merge|create|drop|alter|truncate|pragma|with|call|exec|grant|where|order\s+by|values)\b/i;
/** Raw-SQL methods of query builders and ORMs. */
const SQL_RAW_METHODS = /^(?:raw|whereRaw|orWhereRaw|andWhereRaw|havingRaw|orHavingRaw|orderByRaw|groupByRaw|joinRaw|fromRaw|selectRaw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe)$/;
/** Methods that run SQL text on a database handle. */
const SQL_RUN_METHODS = /^(?:query|execute|exec|run|get|all|each|prepare|many|one|none|any|oneOrNone|manyOrNone|result|multi)$/;
/** Query-builder conditions that take raw SQL when given a string (TypeORM). */
const SQL_CONDITION_METHODS = /^(?:where|andWhere|orWhere|having|andHaving|orHaving)$/;
/** String and array methods whose result is made of their receiver and arguments only. */
const CLEAN_IN_CLEAN_OUT = /^(?:find|findLast|filter|map|flatMap|slice|at|concat|flat|sort|reverse|keys|values|entries|reduce|join|split|trim|trimStart|trimEnd|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|toString|substring|substr|padStart|padEnd|repeat|replace|replaceAll|normalize|charAt|valueOf|toFixed)$/;
/** Lookups that return stored records, not the input they are given. */
const STORE_READS = /^(?:findOne|findFirst|findUnique|findMany|findAll|findByPk|findById|findOneBy|findBy|findAndCountAll|findOrFail|findOneOrFail|findFirstOrThrow|findUniqueOrThrow|count|aggregate|exists|find(?!Index|Last)[A-Z]\w*)$/;

const FS_MODULE = /^(?:fs|fs\/promises|fs\.promises|fs-extra|graceful-fs|original-fs)\.(\w+)$/;
const FS_PATH_METHODS = new Set([
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'readdir', 'readdirSync', 'opendir', 'stat', 'statSync',
  'lstat', 'lstatSync', 'access', 'accessSync', 'exists', 'existsSync', 'open', 'openSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync',
  'cp', 'cpSync', 'truncate', 'chmod', 'chown', 'readlink', 'symlink', 'link', 'utimes', 'remove', 'removeSync', 'outputFile', 'outputFileSync',
  'readJson', 'readJsonSync', 'writeJson', 'writeJsonSync', 'copy', 'copySync', 'move', 'moveSync', 'emptyDir', 'pathExists',
]);
const FS_TWO_PATHS = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync', 'symlink', 'link']);
/** `path` functions that normalise: a prefix check on their result is a real containment check. */
const PATH_NORMALISERS = /^path\.(?:posix\.|win32\.)?(?:resolve|normalize|join)$|^fs\.(?:promises\.)?realpath(?:Sync)?$|^fs\/promises\.realpath$/;

const HTTP_CLIENTS = /^(?:fetch|node-fetch|cross-fetch|isomorphic-fetch|undici\.(?:fetch|request)|axios|got|ky|request|superagent|needle|ofetch|\$fetch|phin|bent|(?:axios|got|ky|request|superagent|undici|needle|node-fetch|phin)\.(?:get|post|put|patch|delete|del|head|options|request|stream)|https?\.(?:get|request))$/;

const UNSAFE_YAML_SCHEMA = /(?:^|\.)(?:DEFAULT_FULL_SCHEMA|FULL_SCHEMA)$/;
const WEAK_HASH_NAMES = /^(?:md4|md5|sha1|sha-1|ripemd160|rmd160|md5-sha1|rsa-md5|rsa-sha1)$/i;
const WEAK_HASH_CALLS = /^(?:crypto-js\.(?:MD5|SHA1)|crypto-js\/(?:md5|sha1)|md5|blueimp-md5|js-md5|sha1|js-sha1|create-hash\/md5|spark-md5\.hash)$/;
/** Words that make a hash a credential hash, PINs included. */
const CREDENTIAL_CONTEXT = new RegExp(`${PASSWORD_CONTEXT.source}|(?:^|[^a-z])pin(?:[^a-z]|$)|[a-z]Pin(?![a-z])`, 'i');

const ROLE_CACHE = new WeakMap<FunctionIR, Map<string, ParamRole>>();

/** The role of a handler's parameter, from its name, its type or its decorators. */
function roleOf(fn: FunctionIR, index: number): ParamRole | undefined {
  const p = fn.params[index];
  if (!p) return undefined;
  if (p.annotations?.some((a) => BOUND_DECORATOR.test(a))) return 'bound';
  const type = p.type ?? '';
  // Next's `(request, { params })` / `(request, context)`: the route's parameters.
  if (index === 1 && roleOf(fn, 0) === 'request' && (p.bindings?.includes('params') || /^(?:params|props|context|ctx)$/.test(p.name))) return 'route-params';
  if (type) {
    if (KOA_TYPE.test(type)) return 'koa';
    if (/^(?:[\w$]+\.)?FastifyReply(?:<.*>)?$/s.test(type)) return 'fastify-reply';
    if (REQUEST_TYPE.test(type)) return 'request';
    if (RESPONSE_TYPE.test(type)) return 'response';
  }
  // GraphQL resolvers `(parent, args, context, info)`: the arguments are the client's.
  if (index === 1 && p.name === 'args' && fn.params[3]?.name === 'info') return 'bound';
  // By name, unless the type says it is something else (`request: RequestInit`).
  if (type && !/^(?:any|unknown|object)$|Request|Context|Response|Reply/.test(type)) return undefined;
  if (p.name === 'req') return 'request';
  // `request` is also what HTTP clients and resolvers call their own objects: only in a handler.
  if (p.name === 'request' && looksLikeHandler(fn)) return 'request';
  if (/^(?:ctx|context)$/.test(p.name)) return 'koa';
  if (/^(?:res|response)$/.test(p.name)) return 'response';
  if (p.name === 'reply') return 'fastify-reply';
  // Hapi's `(request, h)`: `h.response(…)`, `h.redirect(…)`.
  if (p.name === 'h' && index === 1 && roleOf(fn, 0) === 'request') return 'hapi-toolkit';
  return undefined;
}

/** A function that answers a request: it takes a response (or `next`), or is named after a route or an HTTP method (Next's `GET`). */
function looksLikeHandler(fn: FunctionIR): boolean {
  if (fn.params.some((q) => /^(?:res|response|reply|h|next)$/.test(q.name))) return true;
  return /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL|USE|ROUTE|DEL)(?:\s|$)/.test(fn.name) || fn.name === 'handler';
}

/** Names of request-like parameters in scope in `fn` (its own and those of the functions it is written in). */
function requestNames(fn: FunctionIR | undefined): Map<string, ParamRole> {
  if (!fn) return new Map();
  const cached = ROLE_CACHE.get(fn);
  if (cached) return cached;
  const out = new Map(requestNames(fn.parent));
  fn.params.forEach((p, i) => {
    const role = roleOf(fn, i);
    if (role) out.set(p.name, role);
    else out.delete(p.name);
  });
  ROLE_CACHE.set(fn, out);
  return out;
}

/** The innermost function that is a handler (has a request, context or response parameter), or the outermost one. */
function handlerOf(fn: FunctionIR | undefined): FunctionIR | undefined {
  let current = fn;
  let last = fn;
  while (current) {
    if (current.params.some((_, i) => roleOf(current!, i) !== undefined)) return current;
    last = current;
    current = current.parent;
  }
  return last;
}

function tainted(tree: SyntaxTree, node: SyntaxNode, what: string): Value {
  return { level: Level.Tainted, origin: { code: tree.textOf(node).split('\n')[0]!.trim(), line: tree.line(node), what } };
}

function positional(site: CallSite, index: number): CallSite['args'][number] | undefined {
  return site.args.filter((a) => !a.spread)[index];
}

/** A field of an object argument (`{ shell: true }`), if the object is known. */
function fieldOf(value: Value | undefined, name: string): Value | undefined {
  return value?.fields?.get(name);
}

/** A field looked up without regard to case (`Content-Type`, `location`). */
function fieldNoCase(value: Value | undefined, name: string): Value | undefined {
  if (!value?.fields) return undefined;
  for (const [key, entry] of value.fields) if (key.toLowerCase() === name.toLowerCase()) return entry;
  return undefined;
}

/** `x.replace(/[^a-z0-9_-]/gi, '')`: a global replace with nothing of every character outside letters, digits, `_`, `-` and spaces. */
function strips(site: CallSite): boolean {
  const [pattern, replacement] = site.args;
  if (pattern?.expr.k !== 'call' || !replacement || replacement.value.constant !== '') return false;
  const [source, flags] = pattern.expr.args.map((a) => (a.value.k === 'lit' ? a.value.value : undefined));
  return typeof source === 'string' && typeof flags === 'string' && flags.includes('g') && /^\[\^(?:[a-zA-Z0-9_ ]|\\[wd_ -]|[a-zA-Z0-9]-[a-zA-Z0-9]|\\-|-(?=\]))+\]\+?$/.test(source);
}

/** The most dangerous of some values, keeping only the sanitiser marks of those at that level. */
function strongest(values: Value[]): Value {
  let level: Level = Level.Clean;
  for (const v of values) if (v.level > level) level = v.level;
  if (level === Level.Clean) return CLEAN;
  let out: Value | undefined;
  for (const v of values) if (v.level === level) out = out ? join(out, { ...v, fields: undefined }) : { ...flatten(v), constant: undefined };
  return out ?? CLEAN;
}

/** The value a call passes on from its arguments (and receiver), like the engine's default. */
function passThrough(site: CallSite): Value {
  const parts = site.args.map((a) => ({ ...flatten(a.value), constant: undefined, kind: undefined }));
  if (site.receiver) parts.push({ ...flatten(site.receiver), constant: undefined, kind: undefined });
  let out: Value = CLEAN;
  for (const p of parts) out = join(out, p);
  return out.level === Level.Clean ? { ...UNKNOWN, opaque: true } : { ...out, opaque: true, built: false };
}

/** True when a call's receiver is a handler's response (`res`, `reply`, `res.status(404)`). */
function isResponse(site: CallSite): boolean {
  const kind = site.receiver?.kind;
  if (kind === 'http-response' || kind === 'fastify-reply') return true;
  return kind === undefined && site.receiverExpr !== undefined && rootName(site.receiverExpr) === 'res';
}

/** True when a regex pattern matches whole strings only (`^…$` with no top-level alternation). */
function anchored(pattern: string): boolean {
  if (!pattern.startsWith('^') || !/(?:^|[^\\])\$$/.test(pattern)) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

/** The text of the statement around a node (what a reviewer reads to know what a value is for). */
function statementText(tree: SyntaxTree, node: SyntaxNode): string {
  let current: SyntaxNode | undefined = node;
  while (current && !/(?:_statement|_declaration|^pair|^public_field_definition)$/.test(current.type)) current = current.parent;
  const text = tree.textOf(current ?? node);
  return text.length > 400 ? text.slice(0, 400) : text;
}

interface TreeFacts {
  /** Statements calling each named function: the context a helper's result is used in. */
  callers: Map<string, string[]>;
  /** Content types set on a response (`res.type('json')`, `ctx.type = 'html'`), by offset. */
  contentTypes: { offset: number; html: boolean }[];
}

const TREE_FACTS = new WeakMap<SyntaxTree, TreeFacts>();

/** What the rules read from the whole file once: callers of local functions, content types set. */
function factsOf(tree: SyntaxTree): TreeFacts {
  const cached = TREE_FACTS.get(tree);
  if (cached) return cached;
  const facts: TreeFacts = { callers: new Map(), contentTypes: [] };
  walk(tree.root, (n) => {
    if (n.type === 'call_expression') {
      const callee = n.children.find((c) => c.field === 'function');
      if (callee?.type === 'identifier') {
        const list = facts.callers.get(tree.textOf(callee)) ?? [];
        if (list.length < 20) list.push(statementText(tree, n));
        facts.callers.set(tree.textOf(callee), list);
      }
      const type = callee?.type === 'member_expression' ? contentTypeCall(tree, n, callee) : undefined;
      if (type !== undefined) facts.contentTypes.push({ offset: n.start, html: /html/i.test(type) });
    } else if (n.type === 'assignment_expression') {
      const left = n.children.find((c) => c.field === 'left');
      const right = n.children.find((c) => c.field === 'right');
      if (left?.type === 'member_expression' && right?.type === 'string' && /\.(?:type|contentType)$/.test(tree.textOf(left))) {
        facts.contentTypes.push({ offset: n.start, html: /html/i.test(tree.textOf(right)) });
      }
    }
  });
  TREE_FACTS.set(tree, facts);
  return facts;
}

/** The content type a call sets on a response, if it sets one to a constant. */
function contentTypeCall(tree: SyntaxTree, call: SyntaxNode, callee: SyntaxNode): string | undefined {
  const property = callee.children.find((c) => c.field === 'property');
  const method = property ? tree.textOf(property) : '';
  const args = call.children.find((c) => c.field === 'arguments');
  const list = args ? args.children.filter((c) => c.named) : [];
  const literal = (n: SyntaxNode | undefined) => (n?.type === 'string' ? tree.textOf(n).slice(1, -1) : undefined);
  if (method === 'type' || method === 'contentType') return literal(list[0]);
  if (/^(?:setHeader|set|header|append)$/.test(method)) {
    if (/^['"]content-type['"]$/i.test(tree.textOf(list[0] ?? call))) return literal(list[1]);
    if (list[0]?.type === 'object') return objectContentType(tree, list[0]);
  }
  if (method === 'writeHead') {
    const headers = list.find((c) => c.type === 'object');
    return headers ? objectContentType(tree, headers) : undefined;
  }
  return undefined;
}

function objectContentType(tree: SyntaxTree, object: SyntaxNode): string | undefined {
  for (const pair of object.children) {
    if (pair.type !== 'pair') continue;
    const key = pair.children.find((c) => c.field === 'key');
    const value = pair.children.find((c) => c.field === 'value');
    if (key && /^['"]?content-type['"]?$/i.test(tree.textOf(key)) && value?.type === 'string') return tree.textOf(value).slice(1, -1);
  }
  return undefined;
}

/** True when the handler around `fn` sets a content type that is not HTML (and none that is). */
function answersNonHtml(fn: FunctionIR | undefined, tree: SyntaxTree): boolean {
  const handler = handlerOf(fn);
  if (!handler) return false;
  const set = factsOf(tree).contentTypes.filter((t) => t.offset >= handler.node.start && t.offset < handler.node.end);
  return set.length > 0 && set.every((t) => !t.html);
}

/** Functions this short are about one thing: their name (a route for a handler) says what a value in them is for. */
const SMALL_FUNCTION_LINES = 20;

/**
 * What a value made at a site is for: the statement around it and, for the small functions
 * around it, their names and the statements that call them (`req.session.csrfToken = randomHex(40)`).
 */
function usageContext(site: CallSite, tree: SyntaxTree): string {
  const parts = [statementText(tree, site.expr.node)];
  const facts = factsOf(tree);
  for (let fn = site.fn; fn; fn = fn.parent) {
    if (tree.endLine(fn.node) - tree.line(fn.node) >= SMALL_FUNCTION_LINES) break;
    parts.push(fn.name);
    if (/^[\w$]+$/.test(fn.name)) parts.push(...(facts.callers.get(fn.name) ?? []));
  }
  return parts.join('\n');
}

/** True when a cookie is one whose theft matters: a session, a token, credentials. */
function sensitiveCookie(name: Value | undefined, valueExpr: Expr | undefined, tree: SyntaxTree): boolean {
  const text = `${typeof name?.constant === 'string' ? name.constant : ''} ${valueExpr ? tree.textOf(valueExpr.node) : ''}`;
  return SECRET_CONTEXT.test(text) || /(?:^|[^a-z])(?:sid|jwt|id_token|access|refresh|remember|login|user_?id)(?:[^a-z]|$)/i.test(text);
}

/** True when cookie options leave out `secure` or set it false (an expression counts as set). */
function insecureOptions(options: Value | undefined, optionsExpr: Expr | undefined): boolean {
  if (!optionsExpr) return true;
  if (!options?.fields) return false;
  const secure = options.fields.get('secure');
  if (!secure) return true;
  if (secure.level === Level.Clean && secure.constant !== undefined) return !truthyConstant(secure);
  return false;
}

/**
 * True when a URL argument starts with a written scheme and host followed by a path
 * (`https://api.example.com/…${x}`), or with a relative path: wherever the rest comes from, it
 * goes to that host. Read from the expression, or from the prefix the value was built with.
 */
function hostFixed(arg: { expr: Expr; value: Value }): boolean {
  let head: Expr = arg.expr;
  while (head.k === 'binary' && head.op === '+') head = head.left;
  if (head.k === 'template') head = head.parts[0] ?? head;
  const text = head.k === 'lit' && typeof head.value === 'string' && head !== arg.expr ? head.value : arg.value.prefix;
  return text !== undefined && (/^[a-z][a-z\d+.-]*:\/\/[^/?#\\]+[/?#]/i.test(text) || /^(?:\/(?![/\\])|\.\.?\/|[\w-]+[/?])/.test(text));
}

/** The literal text of a string expression (template pieces, concatenated literals). */
function literalText(expr: Expr): string {
  switch (expr.k) {
    case 'lit':
      return typeof expr.value === 'string' ? expr.value : '';
    case 'template':
      return expr.parts.map(literalText).join('');
    case 'binary':
      return literalText(expr.left) + literalText(expr.right);
    default:
      return '';
  }
}

export const jsRules: LanguageRules = {
  param(fn: FunctionIR, index: number, _module: ModuleIR, tree: SyntaxTree): Value | undefined {
    TREE_OF_ROOT.set(tree.root, tree);
    const p = fn.params[index];
    if (!p) return undefined;
    switch (roleOf(fn, index)) {
      case 'request':
        return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'the request' } };
      case 'bound':
        return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a request parameter' } };
      case 'route-params':
        return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a route parameter' } };
      case 'koa':
        return { level: Level.Unknown, kind: 'koa-context' };
      case 'response':
        return { level: Level.Unknown, kind: 'http-response' };
      case 'fastify-reply':
        return { level: Level.Unknown, kind: 'fastify-reply' };
      case 'hapi-toolkit':
        return { level: Level.Unknown, kind: 'hapi-toolkit' };
      default:
        return undefined;
    }
  },

  sourceAttr(path: string, fn: FunctionIR | undefined): string | null | undefined {
    if (path.endsWith('.length')) return null;
    if (BROWSER_SOURCES.test(path)) return PAGE_URL;
    const parts = path.split('.');
    const role = requestNames(fn).get(parts[0]!);
    if ((role !== 'request' && role !== 'koa') || parts.length < 2) return undefined;
    let attr = parts[1]!;
    let rest = 2;
    if (role === 'koa' && (attr === 'request' || attr === 'req')) {
      if (parts.length === 2) return 'the request';
      attr = parts[2]!;
      rest = 3;
    }
    if (attr === 'nextUrl' && OWN_URL_PARTS.has(parts[rest] ?? '')) return null;
    return REQUEST_SOURCES[attr] ?? null;
  },

  call(site: CallSite, tree: SyntaxTree): Value | undefined {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const receiverRoot = site.receiverExpr ? rootName(site.receiverExpr) : undefined;
    const roles = requestNames(site.fn);
    // Reads of the request through its methods: `req.get('X-Id')`, `await request.json()`, `ctx.get('Host')`.
    if (site.receiverExpr?.k === 'name' && receiverRoot !== undefined) {
      const role = roles.get(receiverRoot);
      if ((role === 'request' || role === 'koa') && REQUEST_PREDICATES.has(method)) return CLEAN;
      if ((role === 'request' || (role === 'koa' && method === 'get')) && REQUEST_READERS[method]) return tainted(tree, site.expr.node, REQUEST_READERS[method]);
    }
    if (CLEANERS.test(path)) return CLEAN;
    // `ids.split(',').map(Number)`: every element converted to a number.
    if (method === 'map' && site.args.length === 1 && /^(?:Number|parseInt|parseFloat|Boolean)$/.test(pathOf(site.args[0]!.expr) ?? '')) return CLEAN;
    // `name.replace(/[^a-z0-9_-]/g, '')`: everything outside a safe set removed.
    if ((method === 'replace' || method === 'replaceAll') && strips(site)) return CLEAN;
    if (site.receiverExpr && PREDICATE_METHODS.has(method)) return CLEAN;
    const args = site.args.map((a) => a.value);
    for (const [pattern, classes] of SANITISERS) if (pattern.test(path)) return sanitised(args, classes);
    const last = path.slice(path.lastIndexOf('.') + 1);
    for (const [pattern, classes] of NAMED_SANITISERS) if (pattern.test(last) && (site.args.length > 0)) return sanitised(args, classes);
    // Tagged templates that build parameterised queries or escaped markup.
    const tagged = site.args[0]?.expr.k === 'seq' && site.args[0].expr.node.type === 'template_string';
    if (tagged && /(?:^|\.)(?:sql|SQL|\$queryRaw|\$executeRaw|sqltag)$/.test(path)) return sanitised(args.slice(1), ['CWE-89']);
    if (tagged && /(?:^|\.)(?:html|svg|safeHtml)$/.test(path)) return sanitised(args.slice(1), ['CWE-79']);
    if (LDAP_FILTER_CLASS.test(path)) return CLEAN;
    if (site.isNew && (path === 'RegExp' || path === 'RegExp()')) {
      const pattern = args[0]?.constant;
      return { level: Level.Clean, kind: typeof pattern === 'string' && anchored(pattern) ? 'regex:anchored' : typeof pattern === 'string' ? 'regex' : 'regex:unknown' };
    }
    if (site.isNew && (path === 'Map' || path === 'Set') && args.length && args.every((a) => a.level === Level.Clean)) return { level: Level.Clean, kind: 'const-collection' };
    if ((method === 'get' || method === 'has') && site.receiver?.level === Level.Clean && site.receiver.kind === 'const-collection') return CLEAN;
    // `ARRAY.find(…)`, `name.trim()` on a clean list or string: what comes out is made of it.
    if (site.receiver?.level === Level.Clean && CLEAN_IN_CLEAN_OUT.test(method) && args.every((a) => a.level === Level.Clean)) return CLEAN;
    if (site.isNew && (path === 'URL' || path === 'url.URL')) {
      // `new URL(path, base)`: the base only supplies an origin when the first part is relative.
      const first = args[0];
      if (!first || (first.level === Level.Clean && first.constant !== undefined)) return CLEAN;
      return { ...flatten(first), constant: undefined, kind: 'url' };
    }
    if (PATH_NORMALISERS.test(path) || /^path\.(?:posix\.|win32\.)?(?:relative|dirname)$/.test(path)) {
      return { ...strongest(args), ...(PATH_NORMALISERS.test(path) ? { kind: 'path:normalised' } : {}) };
    }
    if (SQL_CLIENT.test(path) || (site.isNew && /(?:^|\.)(?:Pool|Sequelize|Database)$/.test(path) && /pg|mysql|sqlite|sequelize|mssql/.test(path))) return { level: Level.Clean, kind: 'sql' };
    if (/^xpath\.useNamespaces$/.test(path)) return { level: Level.Clean, kind: 'xpath-select' };
    if (/^libxmljs2?\.(?:parseXml|parseXmlString|parseHtml|parseHtmlString)$/.test(path)) return { ...passThrough(site), kind: 'xml-doc' };
    if (site.receiverExpr && STORE_READS.test(method) && site.receiver?.kind !== 'const-collection') return { ...UNKNOWN, opaque: true };
    if (!site.receiverExpr && /^find(?!Index|Last)[A-Z]\w*$/.test(method)) return { ...UNKNOWN, opaque: true };
    return undefined;
  },

  sinks(site: CallSite, tree: SyntaxTree): SinkHit[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const hits: SinkHit[] = [];
    const add = (cwe: Cwe, rule: string, value: Value | undefined, unknownOrigin: SinkHit['unknownOrigin'], what: string, node?: SyntaxNode) => {
      if (value) hits.push({ ...sink(cwe, rule, value, unknownOrigin, site, what), ...(node ? { node } : {}) });
    };
    const first = positional(site, 0);
    const second = positional(site, 1);
    const roles = requestNames(site.fn);
    const receiverRoot = site.receiverExpr ? rootName(site.receiverExpr) : undefined;
    const koaReceiver = receiverRoot !== undefined && roles.get(receiverRoot) === 'koa';
    const response = isResponse(site);

    // SQL
    const receiverPath = site.receiverExpr ? (pathOf(site.receiverExpr) ?? '') : '';
    if (site.receiverExpr && (SQL_RAW_METHODS.test(method) || (method === 'literal' && /sequelize/i.test(receiverPath))) && !/^String$/.test(receiverPath) && first?.expr.k !== 'seq') {
      add('CWE-89', 'sql-injection', first?.value, 'built', 'an SQL query');
    } else if (site.receiverExpr && first && SQL_RUN_METHODS.test(method) && first.expr.k !== 'func' && first.expr.k !== 'map' && first.expr.k !== 'seq') {
      // `query`/`execute` take SQL on any handle; `get`, `all`, `run`… only on a database's.
      const generic = method !== 'query' && method !== 'execute';
      const dbReceiver = site.receiver?.kind === 'sql' || (generic ? SQL_ONLY_RECEIVER : SQL_RECEIVER).test(receiverPath);
      const text = literalText(first.expr);
      const sqlText = text ? SQL_TEXT.test(text) : true;
      if (sqlText && (first.value.built ? !generic || dbReceiver : first.value.level === Level.Tainted && !generic && dbReceiver)) add('CWE-89', 'sql-injection', first.value, 'built', 'an SQL query');
    } else if (site.receiverExpr && first && SQL_CONDITION_METHODS.test(method) && first.value.built && first.value.level === Level.Tainted) {
      add('CWE-89', 'sql-injection', first.value, 'never', 'an SQL condition');
    }

    // Commands
    if (/^child_process\.(?:exec|execSync)$/.test(path) || /^(?:shelljs\.exec|execa\.(?:command|commandSync|execaCommand|execaCommandSync)|execaCommand|execaCommandSync)$/.test(path)) {
      add('CWE-78', 'command-injection', first?.value, 'any', 'a shell command');
    } else if (/^child_process\.(?:spawn|spawnSync|execFile|execFileSync)$/.test(path) || /^execa(?:\.execa)?(?:Sync)?$/.test(path)) {
      const options = site.args.find((a) => a.expr.k === 'map')?.value;
      const list = second?.expr.k === 'seq' ? second : undefined;
      if (truthyConstant(fieldOf(options, 'shell'))) {
        add('CWE-78', 'command-injection', strongest([first?.value ?? CLEAN, list?.value ?? CLEAN]), 'any', 'a shell command');
      } else if (first && list && typeof first.value.constant === 'string' && SHELLS.test(first.value.constant)) {
        const items = list.expr.k === 'seq' ? list.expr.items : [];
        const flag = items.findIndex((item) => item.k === 'lit' && (item.value === '-c' || item.value === '/c' || item.value === '-Command'));
        if (flag !== -1 && flag + 1 < items.length) add('CWE-78', 'command-injection', list.value.fields?.get(String(flag + 1)), 'any', 'a shell command');
      }
    }

    // Code
    if (path === 'eval' || path === 'Function' || path === 'window.eval' || path === 'globalThis.eval') {
      const code = path === 'Function' ? strongest(site.args.map((a) => a.value)) : first?.value;
      add('CWE-94', 'code-injection', code, 'any', 'code that is evaluated');
      // `eval('(' + data + ')')`: the old way to read serialised objects, so also a deserialisation.
      if (path !== 'Function' && first && /^\(/.test(literalText(first.expr)) && /\)$/.test(literalText(first.expr))) add('CWE-502', 'unsafe-deserialization', first.value, 'never', 'eval used as a deserialiser');
    }
    if (/^vm\.(?:runInNewContext|runInThisContext|runInContext|compileFunction|Script)$/.test(path) || (site.isNew && /^vm\.Script$/.test(path))) {
      add('CWE-94', 'code-injection', first?.value, 'any', 'code that is evaluated');
    }
    // `setTimeout(code, ms)` evaluates a string: one built from input, or a request value passed as it is.
    if (/^(?:setTimeout|setInterval)$/.test(path) && first && first.value.level === Level.Tainted && (first.value.built || first.value.origin?.code === tree.textOf(first.expr.node))) {
      add('CWE-94', 'code-injection', first.value, 'never', 'code that is evaluated');
    }
    if (/^(?:ejs\.(?:render|compile)|pug\.(?:render|compile)|jade\.(?:render|compile)|handlebars\.compile|Handlebars\.compile|lodash\.template|underscore\.template|nunjucks\.renderString|doT\.template|eta\.renderString)$/.test(path)) {
      add('CWE-94', 'template-injection', first?.value, 'never', 'a template that is compiled');
    }

    // Deserialisation
    if (/^(?:node-serialize\.unserialize|serialize-to-js\.deserialize|funcster\.deepDeserialize|cryo\.parse|v8\.deserialize)$/.test(path)) {
      add('CWE-502', 'unsafe-deserialization', first?.value, 'never', 'a deserialiser that can run code');
    }
    if (/^js-yaml\.(?:load|loadAll)$/.test(path)) {
      const options = site.args[1]?.expr;
      const schema = options?.k === 'map' ? options.entries.find((e) => e.key?.k === 'lit' && e.key.value === 'schema')?.value : undefined;
      if (schema && UNSAFE_YAML_SCHEMA.test(pathOf(schema) ?? '')) add('CWE-502', 'unsafe-deserialization', first?.value, 'never', 'a YAML loader that builds functions');
    }

    // Paths
    const fsCall = FS_MODULE.exec(path);
    if (fsCall && FS_PATH_METHODS.has(fsCall[1]!)) {
      add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
      if (FS_TWO_PATHS.has(fsCall[1]!)) add('CWE-22', 'path-traversal', second?.value, 'never', 'a file path');
    }
    if (response && (method === 'sendFile' || method === 'sendfile' || method === 'download')) {
      const options = site.args.slice(1).find((a) => a.expr.k === 'map' || a.value.fields)?.value;
      if (!fieldOf(options, 'root')) add('CWE-22', 'path-traversal', first?.value, 'never', 'a file sent to the client');
    }

    // SSRF
    if (HTTP_CLIENTS.test(path)) {
      // `needle('get', url)`, `needle.request('get', url)`: the method comes first.
      const target = path === 'needle' || path === 'needle.request' ? second : first;
      const value = target?.value.fields ? strongest(['url', 'baseURL', 'host', 'hostname', 'uri'].map((k) => fieldOf(target.value, k) ?? CLEAN)) : target?.value;
      // A URL whose scheme and host are written in the code (or a relative one) reaches only that server; the page's own URL is the browser's, not a server's input.
      if (value && !(target && hostFixed(target)) && value.origin?.what !== PAGE_URL) add('CWE-918', 'ssrf', value, 'never', 'the URL of an outgoing request');
    }

    // Redirects (a target that starts with a path of this site, or a written host, stays there)
    const redirect = (a: CallSite['args'][number] | undefined) => (a && !hostFixed(a) ? a.value : undefined);
    if (response && method === 'redirect') add('CWE-601', 'open-redirect', redirect(site.args.at(-1)), 'never', 'a redirect target');
    if (response && method === 'location') add('CWE-601', 'open-redirect', redirect(first), 'never', 'a redirect target');
    if ((response || koaReceiver) && /^(?:setHeader|set|header|append)$/.test(method) && typeof first?.value.constant === 'string' && first.value.constant.toLowerCase() === 'location') {
      add('CWE-601', 'open-redirect', redirect(second), 'never', 'a redirect target');
    }
    if (response && method === 'writeHead') add('CWE-601', 'open-redirect', fieldNoCase(site.args.at(-1)?.value, 'location'), 'never', 'a redirect target');
    if ((koaReceiver || site.receiver?.kind === 'hapi-toolkit') && method === 'redirect') add('CWE-601', 'open-redirect', redirect(first), 'never', 'a redirect target');
    if (/^(?:next\/server\.NextResponse|NextResponse|Response)\.redirect$/.test(path) || /^next\/navigation\.(?:redirect|permanentRedirect)$/.test(path)) {
      add('CWE-601', 'open-redirect', redirect(first), 'never', 'a redirect target');
    }
    if (/^(?:window\.|document\.)?location\.(?:assign|replace)$/.test(path)) add('CWE-601', 'open-redirect', first?.value, 'never', 'a redirect target');

    // XSS
    if (response && /^(?:send|write|end)$/.test(method) && first && first.expr.k !== 'func' && responseText(first.value)) {
      const needsHtml = site.receiver?.kind === 'fastify-reply';
      if (needsHtml ? !answersNonHtml(site.fn, tree) && htmlDeclared(site.fn, tree) : !answersNonHtml(site.fn, tree)) add('CWE-79', 'xss', first.value, 'never', 'an HTML response');
    }
    // Hapi sends a string given to `h.response()` as text/html.
    if (site.receiver?.kind === 'hapi-toolkit' && method === 'response' && first && responseText(first.value) && !answersNonHtml(site.fn, tree)) add('CWE-79', 'xss', first.value, 'never', 'an HTML response');
    if (site.isNew && /(?:^|\.)(?:Response|NextResponse)$/.test(path) && first && responseText(first.value)) {
      const type = fieldNoCase(fieldOf(second?.value, 'headers'), 'content-type');
      if (typeof type?.constant === 'string' && /html/i.test(type.constant)) add('CWE-79', 'xss', first.value, 'never', 'an HTML response');
    }
    if (/(?:^|\.)(?:createElement|jsx|jsxs|jsxDEV|h)$/.test(path) && second) {
      const props = second.value;
      const dangerous = fieldOf(props, 'dangerouslySetInnerHTML');
      if (dangerous) {
        const entry = second.expr.k === 'map' ? second.expr.entries.find((e) => e.key?.k === 'lit' && e.key.value === 'dangerouslySetInnerHTML') : undefined;
        add('CWE-79', 'xss', fieldOf(dangerous, '__html') ?? (dangerous.fields ? undefined : dangerous), 'never', 'markup inserted without escaping', entry?.value.node);
      }
    }
    if (/^document\.(?:write|writeln)$/.test(path)) add('CWE-79', 'xss', first?.value, 'never', 'the page');
    if (site.receiverExpr && method === 'insertAdjacentHTML') add('CWE-79', 'xss', second?.value, 'never', 'the page');
    if (site.receiverExpr && method === 'html' && first && /^(?:\$|jQuery)/.test(tree.textOf(site.receiverExpr.node))) add('CWE-79', 'xss', first.value, 'never', 'the page');

    // XXE
    if (/^libxmljs2?\.(?:parseXml|parseXmlString|parseXmlAsync)$/.test(path)) {
      const options = second?.value;
      if (truthyConstant(fieldOf(options, 'noent'))) add('CWE-611', 'xxe', first?.value, 'any', 'an XML parser that expands external entities');
    }

    // XPath
    const calleeKind = site.expr.callee.k === 'name' ? site.lookup(site.expr.callee.name)?.kind : undefined;
    if (/^xpath\.(?:select|select1|evaluate|parse)$/.test(path) || calleeKind === 'xpath-select' || (site.receiver?.kind === 'xml-doc' && /^(?:find|get)$/.test(method))) {
      add('CWE-643', 'xpath-injection', first?.value, 'built', 'an XPath query');
    } else if (site.receiverExpr && method === 'evaluate' && first && /^(?:document|doc|xmlDoc|dom)$/.test(receiverPath)) {
      add('CWE-643', 'xpath-injection', first.value, 'built', 'an XPath query');
    }

    // LDAP
    if (site.receiverExpr && method === 'search' && second && site.args.length >= 2) {
      const filter = second.value.fields ? fieldOf(second.value, 'filter') : second.expr.k !== 'map' && second.expr.k !== 'func' ? second.value : undefined;
      if (filter && (filter.built || filter.level === Level.Tainted)) add('CWE-90', 'ldap-injection', filter, 'built', 'an LDAP search filter');
    }
    if (/^ldapjs\.parseFilter$/.test(path)) add('CWE-90', 'ldap-injection', first?.value, 'built', 'an LDAP search filter');

    // Session (trust boundary)
    if (site.receiverExpr && method === 'set' && /(?:^|\.)session$/i.test(receiverPath) && second) add('CWE-501', 'trust-boundary', second.value, 'never', 'the server-side session');
    if (path === 'Object.assign' && first && /(?:^|\.)session$/i.test(pathOf(first.expr) ?? '')) {
      for (const a of site.args.slice(1)) add('CWE-501', 'trust-boundary', a.value, 'never', 'the server-side session');
    }

    // Weak hashes, weak randomness, cookies: what the code does, whatever the data.
    const weakHash =
      (/^crypto\.(?:createHash|subtle\.digest)$|^(?:window\.)?crypto\.subtle\.digest$/.test(path) && typeof first?.value.constant === 'string' && WEAK_HASH_NAMES.test(first.value.constant)) || WEAK_HASH_CALLS.test(path);
    if (weakHash) {
      hits.push(sink(CREDENTIAL_CONTEXT.test(usageContext(site, tree)) ? 'CWE-328' : 'CWE-327', 'weak-hash', { level: Level.Tainted }, 'never', site, 'a weak hash', true));
    }
    if (/^(?:Math\.random|lodash\.random|underscore\.random)$/.test(path) && SECRET_CONTEXT.test(usageContext(site, tree))) {
      hits.push(sink('CWE-330', 'weak-random', { level: Level.Tainted }, 'never', site, 'a secret value', true));
    }
    const cookie = cookieCall(site, path, method, response, koaReceiver);
    if (cookie && cookie.insecure && sensitiveCookie(cookie.name, cookie.valueExpr, tree)) {
      hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'a cookie', true));
    }
    if (/^(?:express-session|cookie-session)$/.test(path)) {
      const options = first?.value;
      const cookieOptions = path === 'express-session' ? fieldOf(options, 'cookie') : options;
      const secure = cookieOptions?.fields?.get('secure');
      const insecure = options?.fields !== undefined && (!secure || (secure.level === Level.Clean && secure.constant !== undefined && !truthyConstant(secure) && secure.constant !== 'auto'));
      if (insecure) hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'the session cookie', true));
    }
    if ((response || koaReceiver) && /^(?:setHeader|set|header|append)$/.test(method) && typeof first?.value.constant === 'string' && first.value.constant.toLowerCase() === 'set-cookie' && second) {
      const text = literalText(second.expr);
      if (text && !/;\s*secure\b/i.test(text) && !/^__(?:Host|Secure)-/.test(text) && sensitiveCookie(undefined, second.expr, tree)) {
        hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'a cookie', true));
      }
    }
    return hits;
  },

  assignmentSinks(target: Target, assigned: Value, _targetPath: string | undefined, node: SyntaxNode, fn: FunctionIR | undefined): SinkHit[] {
    if (target.k !== 'attr' && target.k !== 'index') return [];
    // An object stored whole carries its fields' taint (`session.user = { name: req.body.name }`).
    const value = flatten(assigned);
    const object = pathOf(target.object) ?? '';
    const hits: SinkHit[] = [];
    const roles = requestNames(fn);
    const root = rootName(target.object);
    // Koa: a string body is sent as HTML unless the handler says otherwise.
    if (target.k === 'attr' && target.name === 'body' && root !== undefined && roles.get(root) === 'koa' && /^\w+(?:\.response)?$/.test(object) && responseText(assigned) && !answersNonHtmlFor(fn, node)) {
      hits.push({ cwe: 'CWE-79', rule: 'xss', value, unknownOrigin: 'never', node, what: 'an HTML response' });
    }
    if (target.k === 'attr' && /^(?:innerHTML|outerHTML)$/.test(target.name)) hits.push({ cwe: 'CWE-79', rule: 'xss', value, unknownOrigin: 'never', node, what: 'the page' });
    if ((target.k === 'attr' && target.name === 'href' && /^(?:window\.|document\.)?location$/.test(object)) || (target.k === 'attr' && target.name === 'location' && /^(?:window|document)$/.test(object))) {
      hits.push({ cwe: 'CWE-601', rule: 'open-redirect', value, unknownOrigin: 'never', node, what: 'a redirect target' });
    }
    // The session: `req.session.user = …`, `ctx.session.role = …`, `session.user = …` (iron-session, next-session).
    const intoSession = /(?:^|\.)session$/i.test(object) || (target.k === 'attr' && target.name === 'session' && root !== undefined && roles.has(root));
    if (intoSession) hits.push({ cwe: 'CWE-501', rule: 'trust-boundary', value, unknownOrigin: 'never', node, what: 'the server-side session' });
    return hits;
  },

  exits(site: CallSite): boolean {
    const path = site.path ?? '';
    if (/^(?:process\.exit|next\/navigation\.(?:notFound|redirect|permanentRedirect))$/.test(path)) return true;
    const root = site.receiverExpr ? rootName(site.receiverExpr) : undefined;
    return site.method === 'throw' && root !== undefined && requestNames(site.fn).get(root) === 'koa';
  },

  guardCall(site: CallSite): Expr[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const first = positional(site, 0);
    const second = positional(site, 1);
    if (/^(?:Object\.prototype\.hasOwnProperty\.call|Object\.hasOwn|Reflect\.has)$/.test(path) && second) return [second.expr];
    if (site.receiverExpr && /^(?:has|includes|contains|hasOwnProperty)$/.test(method) && first && (site.receiver?.level ?? Level.Clean) < Level.Tainted) return [first.expr];
    if (site.receiverExpr && method === 'test' && first && site.receiver?.kind !== 'regex') return [first.expr];
    if (site.receiverExpr && method === 'match' && first?.value.kind === 'regex:anchored') return [site.receiverExpr];
    if (site.receiverExpr && method === 'startsWith' && first) {
      const prefix = first.value.constant;
      if (site.receiver?.kind === 'path:normalised' && prefix !== '/' && prefix !== '.') return [site.receiverExpr];
      if (typeof prefix === 'string' && /^https?:\/\/[^/]+\//.test(prefix)) return [site.receiverExpr];
    }
    if (/^(?:Number\.(?:isInteger|isSafeInteger|isFinite)|validator\.is\w+|uuid\.validate)$/.test(path) && first) return [first.expr];
    const last = path.slice(path.lastIndexOf('.') + 1);
    if (/^(?:validate\w*|is\w*(?:Valid|Allowed|Safe|Whitelisted|Allowlisted|Permitted|Trusted)\w*|is(?:Uuid|UUID|Email|Slug|Alphanumeric|Numeric|Int|Integer))$/.test(last) && first) return [first.expr];
    return [];
  },

  mutators: new Set(['push', 'unshift', 'add', 'set', 'append', 'splice']),
};

/** A value a response would send as text: not an object or array (sent as JSON), not an opaque call result (a stream, a buffer). */
function responseText(value: Value): boolean {
  if (value.fields) return false;
  return !(value.opaque && !value.built);
}

/** The handler declares an HTML content type somewhere (Fastify answers text/plain otherwise). */
function htmlDeclared(fn: FunctionIR | undefined, tree: SyntaxTree): boolean {
  const handler = handlerOf(fn);
  if (!handler) return false;
  return factsOf(tree).contentTypes.some((t) => t.html && t.offset >= handler.node.start && t.offset < handler.node.end);
}

/** Trees by their root node: assignment sinks are given nodes, not trees (the other hooks register theirs). */
const TREE_OF_ROOT = new WeakMap<SyntaxNode, SyntaxTree>();

/** `answersNonHtml` for an assignment: the tree is found from the node's root. */
function answersNonHtmlFor(fn: FunctionIR | undefined, node: SyntaxNode): boolean {
  let root = node;
  while (root.parent) root = root.parent;
  const tree = TREE_OF_ROOT.get(root);
  return tree ? answersNonHtml(fn, tree) : false;
}

function sanitised(args: Value[], classes: Cwe[]): Value {
  let out: Value = CLEAN;
  for (const a of args) out = a.level > out.level ? a : out;
  return out.level === Level.Clean ? CLEAN : { ...flatten(out), constant: undefined, safeFor: new Set([...(out.safeFor ?? []), ...classes]), built: false };
}

/** A call that sets a cookie: its name, value and whether its options leave out `secure`. */
function cookieCall(site: CallSite, path: string, method: string, response: boolean, koaReceiver: boolean): { name: Value | undefined; valueExpr: Expr | undefined; insecure: boolean } | undefined {
  const args = site.args.filter((a) => !a.spread);
  const receiverPath = site.receiverExpr ? (pathOf(site.receiverExpr) ?? '') : '';
  const cookiesSet = method === 'set' && /(?:^|\.)cookies(?:\(\))?$/.test(receiverPath);
  if ((response && method === 'cookie') || (cookiesSet && (koaReceiver || site.receiverExpr)) || path === 'cookie.serialize' || /^next\/headers\.cookies\(\)\.set$/.test(path)) {
    // `cookies().set({ name, value, secure })`: one object.
    if (args.length === 1 && args[0]!.value.fields) {
      const options = args[0]!.value;
      const valueExpr = args[0]!.expr.k === 'map' ? args[0]!.expr.entries.find((e) => e.key?.k === 'lit' && e.key.value === 'value')?.value : undefined;
      return { name: fieldOf(options, 'name'), valueExpr, insecure: insecureOptions(options, args[0]!.expr) };
    }
    return { name: args[0]?.value, valueExpr: args[1]?.expr, insecure: insecureOptions(args[2]?.value, args[2]?.expr) };
  }
  return undefined;
}
