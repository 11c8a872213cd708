/**
 * What Java code contributes to the taint analysis: Spring MVC / JAX-RS handler parameters and
 * the servlet API's request getters as sources; JDBC, JPA, Spring, the JDK's process, script,
 * XML, XPath, JNDI and HTTP APIs (and the common libraries around them) as sinks; the
 * encoders, parsers and allow-list checks that make input safe.
 *
 * Java objects change what they are through setters (`factory.setFeature(…)` makes a parser
 * safe, `cookie.setSecure(true)`, `stream.setObjectInputFilter(…)`), so values carry a `kind`
 * (`xml:dbf:unsafe`, `cookie:insecure:sensitive`, `ois`) that constructors and factories give
 * and `receiverAfter` updates; sinks on such receivers read it.
 */
import { field, type SyntaxNode, type SyntaxTree } from '../syntax/tree';
import { pathOf, type Expr, type FunctionIR } from './ir';
import { declaredType, returnType } from './lower-java';
import { PASSWORD_CONTEXT, SECRET_CONTEXT, sink } from './rule-kit';
import { CLEAN, flatten, join, Level, UNKNOWN, type CallSite, type Cwe, type LanguageRules, type SinkHit, type Value } from './taint';

type SiteArg = CallSite['args'][number];

// ---------------------------------------------------------------- sources

/** Handler-method annotations: Spring MVC, JAX-RS. */
const MAPPING = /^(?:Request|Get|Post|Put|Delete|Patch)Mapping$|^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/;
/** Parameter annotations that bind request data, and what they bind. */
const SOURCE_ANNOTATIONS: Record<string, string> = {
  RequestParam: 'a request parameter',
  QueryParam: 'a request parameter',
  QueryValue: 'a request parameter',
  FormParam: 'a form field',
  RequestPart: 'a multipart field',
  PathVariable: 'a path variable',
  PathParam: 'a path variable',
  MatrixVariable: 'a path variable',
  MatrixParam: 'a path variable',
  RequestBody: 'the request body',
  Body: 'the request body',
  RequestHeader: 'a request header',
  HeaderParam: 'a request header',
  Header: 'a request header',
  CookieValue: 'a cookie',
  CookieParam: 'a cookie',
  ModelAttribute: 'request parameters bound to an object',
  BeanParam: 'request parameters bound to an object',
};
/** Annotations that describe a parameter without binding it: validation, documentation, nullability. */
const DESCRIPTIVE_ANNOTATIONS =
  /^(?:Valid|Validated|NotNull|NotBlank|NotEmpty|Size|Min|Max|DecimalMin|DecimalMax|Digits|Pattern|Email|Positive|PositiveOrZero|Negative|NegativeOrZero|Past|Future|PastOrPresent|FutureOrPresent|Nullable|NonNull|Nonnull|NotNullApi|Length|Range|URL|Parameter|ApiParam|Schema|Deprecated|SuppressWarnings|DateTimeFormat|NumberFormat)$/;
/** Annotations that bind something else than request data. */
const NOT_REQUEST_DATA = /^(?:AuthenticationPrincipal|CurrentSecurityContext|Value|RequestAttribute|SessionAttribute|Autowired|Context|Suspended)$/;
/** Types a handler receives from the framework, not from the request's data. */
const INJECTED_TYPES =
  /^(?:HttpServletResponse|ServletResponse|HttpSession|Model|ModelMap|ModelAndView|BindingResult|Errors|Locale|TimeZone|ZoneId|RedirectAttributes|SessionStatus|UriComponentsBuilder|ServletUriComponentsBuilder|UriInfo|HttpHeaders|SecurityContext|Request|ServerHttpResponse|Pageable|Sort|HttpMethod|AsyncResponse|\w*(?:Principal|Authentication|AuthenticationToken|OAuth2User|OidcUser|AuthorizedClient|UserDetails|Jwt))$/;
/** Types whose values cannot carry an injection (Spring and JAX-RS refuse what does not parse). */
const SCALAR_TYPES = /^(?:(?:int|long|short|double|float|boolean|Integer|Long|Short|Double|Float|Boolean|BigDecimal|BigInteger|Number|UUID|LocalDate|LocalDateTime|LocalTime|Instant|ZonedDateTime|OffsetDateTime|Duration|Period|Year|YearMonth|Date|OptionalInt|OptionalLong)(?:\[\])?|byte|char|Byte)$/;
/** The servlet request and its look-alikes: Spring's WebRequest, JAX-RS's UriInfo and request context, WebFlux's requests. */
const REQUEST_TYPES =
  /^(?:HttpServletRequest|ServletRequest|HttpServletRequestWrapper|MultipartHttpServletRequest|StandardMultipartHttpServletRequest|WebRequest|NativeWebRequest|ServletWebRequest|UriInfo|ContainerRequestContext|ServerHttpRequest|ServerRequest)$/;
const RESPONSE_TYPES = /^(?:HttpServletResponse|ServletResponse|HttpServletResponseWrapper)$/;
/** Getters of the servlet request that return its data, and what they return. */
const REQUEST_GETTERS: Record<string, string> = {
  getParameter: 'a request parameter',
  getParameterValues: 'request parameters',
  getParameterMap: 'the request parameters',
  getParameterNames: 'the request parameter names',
  getHeader: 'a request header',
  getHeaders: 'request headers',
  getHeaderNames: 'the request header names',
  getCookies: 'the request cookies',
  getQueryString: 'the query string',
  getInputStream: 'the request body',
  getReader: 'the request body',
  getRequestURI: 'the request URI',
  getRequestURL: 'the request URL',
  getPathInfo: 'the request path',
  getPathTranslated: 'the request path',
  getPart: 'an uploaded part',
  getParts: 'the uploaded parts',
  getFile: 'an uploaded file',
  getFiles: 'the uploaded files',
  getFileMap: 'the uploaded files',
  getMultiFileMap: 'the uploaded files',
  getQueryParameters: 'the query parameters',
  getQueryParams: 'the query parameters',
  getPathParameters: 'the path parameters',
  getRequestUri: 'the request URI',
  getURI: 'the request URI',
  getPath: 'the request path',
  getHeaderString: 'a request header',
  getRequestHeader: 'a request header',
  getRequestHeaders: 'the request headers',
  getFirst: 'a request header',
  getEntityStream: 'the request body',
  getBody: 'the request body',
  queryParam: 'a request parameter',
  queryParams: 'the query parameters',
  pathVariable: 'a path variable',
  pathVariables: 'the path variables',
  formData: 'the form data',
  multipartData: 'the uploaded parts',
  bodyToMono: 'the request body',
  bodyToFlux: 'the request body',
  cookies: 'the request cookies',
  headers: 'the request headers',
};

/** The simple type of a written type: no package, no generics (`java.util.Map<K, V>` → `Map`). */
function simpleType(type: string | undefined): string {
  if (!type) return '';
  const base = type.replace(/<[^]*>/, '').replace(/\s+/g, '').replace(/^final/, '');
  return base.slice(base.lastIndexOf('.') + 1);
}

function annotationName(d: Expr): string | undefined {
  const path = pathOf(d.k === 'call' ? d.callee : d);
  return path?.slice(path.lastIndexOf('.') + 1);
}

function isHandler(fn: FunctionIR): boolean {
  return fn.decorators.some((d) => MAPPING.test(annotationName(d) ?? ''));
}

function hasOwnerAnnotation(fn: FunctionIR, pattern: RegExp): boolean {
  return (fn.ownerAnnotations ?? []).some((a) => pattern.test(a));
}

/** The text of a constant expression as written in an annotation (`"text/html"`, `MediaType.TEXT_HTML_VALUE`, `{a, b}`). */
function constantText(e: Expr): string {
  if (e.k === 'lit') return String(e.value);
  if (e.k === 'seq') return e.items.map(constantText).join(' ');
  return pathOf(e) ?? '';
}

/** What the handler declares it produces (`produces = …`, `@Produces(…)`), method first, then class. */
function produces(fn: FunctionIR): string | undefined {
  for (const d of fn.decorators) {
    if (d.k !== 'call') continue;
    const name = annotationName(d) ?? '';
    if (name === 'Produces') return d.args.map((a) => constantText(a.value)).join(' ');
    if (MAPPING.test(name)) {
      const arg = d.args.find((a) => a.name === 'produces');
      if (arg) return constantText(arg.value);
    }
  }
  for (const a of fn.ownerAnnotations ?? []) {
    if (/^Produces\b/.test(a)) return a;
    const m = /^RequestMapping\b[^]*\bproduces\s*=\s*(\{[^}]*\}|[^,)]+)/.exec(a);
    if (m) return m[1];
  }
  return undefined;
}

const NON_HTML = /json|plain|xml|csv|octet|pdf|image|yaml|protobuf|event-stream|ndjson|zip|msword|excel|spreadsheet/i;

/** True when a content type (as written: a literal or `MediaType.X`) is not HTML. */
function notHtml(contentType: string): boolean {
  return NON_HTML.test(contentType) && !/html/i.test(contentType);
}

/** A handler whose return value is the response body: `@RestController`, `@ResponseBody`, JAX-RS. */
function returnsBody(fn: FunctionIR): boolean {
  if (fn.decorators.some((d) => annotationName(d) === 'ResponseBody')) return true;
  if (hasOwnerAnnotation(fn, /^(?:RestController|ResponseBody)\b/)) return true;
  return fn.decorators.some((d) => /^(?:GET|POST|PUT|DELETE|PATCH)$/.test(annotationName(d) ?? ''));
}

function tainted(site: CallSite, tree: SyntaxTree, what: string): Value {
  return { level: Level.Tainted, origin: { code: tree.textOf(site.expr.node), line: tree.line(site.expr.node), what } };
}

// ---------------------------------------------------------------- call sites

/** A call's path without its package (`org.apache.commons.codec.digest.DigestUtils.md5Hex` → `DigestUtils.md5Hex`). */
function shortPath(site: CallSite): string {
  const path = site.path ?? '';
  const m = /^(?:[a-z_$][\w$]*\.){2,}(?=[A-Z])/.exec(path);
  return m ? path.slice(m[0].length) : path;
}

function arg(site: CallSite, index: number): SiteArg | undefined {
  return site.args[index];
}

/** The declared type of the local, parameter or field the receiver is (`st` → `Statement`). */
function receiverType(site: CallSite, tree: SyntaxTree): string {
  const r = site.receiverExpr;
  if (!r || r.k !== 'name') return '';
  return simpleType(declaredType(tree, site.fn, r.name));
}

function kindOf(value: Value | undefined): string {
  return value?.kind ?? '';
}

/** The most dangerous of some values, with the taint of all (for sanitisers that keep their input's origin). */
function joined(values: Value[]): Value {
  let out: Value = CLEAN;
  for (const v of values) out = join(out, { ...flatten(v), constant: undefined, kind: undefined });
  return out;
}

/** A value made safe for some classes, keeping its origin for the others. */
function safeFor(value: Value, classes: Cwe[]): Value {
  if (value.level === Level.Clean) return CLEAN;
  return { level: value.level, ...(value.origin ? { origin: value.origin } : {}), safeFor: new Set([...(value.safeFor ?? []), ...classes]) };
}

/** Identifiers split at their humps (`issueKey` → `issue_Key`) so word-boundary patterns see their words. */
function words(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

function lineText(tree: SyntaxTree, node: SyntaxNode): string {
  const start = tree.text.lastIndexOf('\n', node.start) + 1;
  const end = tree.text.indexOf('\n', node.start);
  return tree.text.slice(start, end === -1 ? undefined : end);
}

/** The local a call's value is stored in (`String code = …random.nextInt()…`), if any. */
function assignedName(tree: SyntaxTree, node: SyntaxNode): string | undefined {
  for (let n: SyntaxNode | undefined = node.parent; n; n = n.parent) {
    const target = n.type === 'variable_declarator' ? field(n, 'name') : n.type === 'assignment_expression' ? field(n, 'left') : undefined;
    if (target) return /^[\w$]+$/.test(tree.textOf(target)) ? tree.textOf(target) : undefined;
    if (/statement$|^(?:block|lambda_expression|class_body)$/.test(n.type)) return undefined;
  }
  return undefined;
}

/** The lines of a function that use a name: where a random value goes says what it is for. */
function usesOf(tree: SyntaxTree, fn: FunctionIR | undefined, name: string | undefined): string[] {
  if (!fn || !name) return [];
  const text = tree.textOf(fn.node);
  const pattern = new RegExp(`^.*\\b${name.replace(/\$/g, '\\$')}\\b.*$`, 'gm');
  // What the code names things says what they are for; the text of its strings does not.
  return (text.match(pattern)?.slice(0, 20) ?? []).map((line) => line.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/** Secrets by name; a bare "key" is not one (a map's or a cache's key is no secret), a named key is (`apiKey`, `signingKey`). */
const SECRET_NAMES =
  /token|secret|passw|session_?(?:id|token|key|secret)|nonce|\botp|salt|csrf|reset|api_?key|apikey|auth(?!or)|verif|one_?time|invite|\bsid\b|signing|activation|confirm|(?:private|access|encryption|master|hmac|aes|remember(?:_?me)?)_?key/i;
/** A variable called `key` set to encoded bytes (`String key = Base64…encodeToString(bytes)`): key material. */
const KEY_MATERIAL = /\b(?:String|byte\[\]|char\[\]|var)\s+key\s*=.*(?:Base64|[hH]ex|encode|bytes)/;
const TEST_METHODS = /^(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|BeforeEach|BeforeAll|AfterEach|AfterAll|Before|After|BeforeClass|AfterClass|BeforeMethod|AfterMethod|DataProvider)$/;
const TEST_CLASSES = /^(?:SpringBootTest|WebMvcTest|DataJpaTest|JdbcTest|WebFluxTest|RestClientTest|JsonTest|ExtendWith|RunWith|TestInstance|IntegrationTest|AutoConfigureMockMvc|Testcontainers|TestPropertySource|ContextConfiguration)\b/;

/** Test code (a test method, or a method of a test class): weak hashes and random values there are fixtures. */
function inTest(fn: FunctionIR | undefined): boolean {
  for (let f = fn; f; f = f.parent) {
    if (f.decorators.some((d) => TEST_METHODS.test(annotationName(d) ?? '')) || hasOwnerAnnotation(f, TEST_CLASSES)) return true;
  }
  return false;
}

/** Passwords, PINs and other credentials: a weak hash of one is CWE-328. */
const JAVA_PASSWORD_CONTEXT = /(?:^|[^a-z])pins?(?![a-z])|passcode/i;

// ---------------------------------------------------------------- sanitisers and known values

/** Calls whose result cannot carry an injection: numbers, dates, UUIDs, hashes, booleans. */
const CLEANERS =
  /^(?:(?:Integer|Long|Short|Byte|Double|Float|Boolean)\.(?:parse\w+|valueOf|decode|compare|signum|toHexString|toBinaryString)|UUID\.(?:fromString|nameUUIDFromBytes|randomUUID)|(?:LocalDate|LocalDateTime|LocalTime|Instant|ZonedDateTime|OffsetDateTime|Duration|Period|Year|YearMonth)\.(?:parse|of\w*)|Math\.\w+|Objects\.(?:hash|hashCode|equals|isNull|nonNull|compare)|NumberUtils\.(?:to\w+|create\w+)|DigestUtils\.\w+|Hex\.encodeHex\w*|HexFormat\.of\(\)\.formatHex|Hashing\.\w+\(\)\.hash\w*|BCrypt\.\w+)$/;
const CLEAN_CONSTRUCTORS = /^(?:Integer|Long|Short|Byte|Double|Float|Boolean|BigDecimal|BigInteger|AtomicInteger|AtomicLong|Date)$/;
/** Methods whose result is a boolean or a number about their receiver or argument. */
const CLEAN_METHODS = /^(?:is[A-Z]\w*|has[A-Z]\w*|length|size|hashCode|equals\w*|compareTo\w*|startsWith|endsWith|contains\w*|matches|indexOf|lastIndexOf|count|digest|getLength|getStatus|getStatusCode|statusCode|ordinal)$/;
/** Sanitisers by path (without package) and the classes they make the value safe for. */
const SANITISERS: [RegExp, Cwe[]][] = [
  [/^(?:HtmlUtils\.htmlEscape\w*|StringEscapeUtils\.escape(?:Html[34]?|Xml\d*|EcmaScript|JavaScript|Json)|Encode\.for(?:Html|HtmlContent|HtmlAttribute|HtmlUnquotedAttribute|JavaScript\w*|Xml\w*|CssString|CDATA)|HtmlEscapers\.htmlEscaper\(\)\.escape|Jsoup\.clean|JavaScriptUtils\.javaScriptEscape|ESAPI\.encoder\(\)\.encodeFor(?:HTML|HTMLAttribute|JavaScript|CSS|XML|XMLAttribute))$/, ['CWE-79']],
  [/^(?:URLEncoder\.encode|UriUtils\.encode\w*|Encode\.forUri\w*|ESAPI\.encoder\(\)\.encodeForURL|UrlEscapers\.\w+\(\)\.escape)$/, ['CWE-79', 'CWE-22', 'CWE-78']],
  [/^(?:LdapEncoder\.(?:filterEncode|nameEncode)|LdapNameBuilder\.\w+|Rdn\.escapeValue|Filter\.encodeValue|ESAPI\.encoder\(\)\.encodeFor(?:LDAP|DN)|LdapUtils\.\w*[eE]scape\w*|Filter\.create(?:Equality|Substring|GreaterOrEqual|LessOrEqual|Present|ApproximateMatch|And|Or|Not)Filter)$/, ['CWE-90']],
  [/^(?:ESAPI\.encoder\(\)\.encodeForSQL|StringEscapeUtils\.escapeSql)$/, ['CWE-89']],
  [/^(?:ESAPI\.encoder\(\)\.encodeForXPath)$/, ['CWE-643']],
  [/^(?:ESAPI\.encoder\(\)\.encodeForOS)$/, ['CWE-78']],
  [/^(?:FilenameUtils\.(?:getName|getBaseName)|StringUtils\.getFilename)$/, ['CWE-22']],
];

/** JDK and Commons helpers that compute from their arguments only (a clean result from clean arguments). */
const PURE_STATICS = /^(?:Collectors|Collections|Arrays|Objects|String|Math|StrictMath|Integer|Long|Double|Float|Short|Byte|Boolean|Character|List|Set|Map|Stream|IntStream|LongStream|Optional|StringUtils|CollectionUtils|Joiner|Splitter)\.\w+$/;
const STREAM_WRAPPERS =
  /^(?:InputStreamReader|BufferedReader|BufferedInputStream|StringReader|CharArrayReader|LineNumberReader|ByteArrayInputStream|DataInputStream|PushbackInputStream|GZIPInputStream|InflaterInputStream|ZipInputStream|InputSource|StreamSource|SAXSource|Scanner)$/;
const LIST_TYPES = /^(?:ArrayList|LinkedList|HashSet|LinkedHashSet|TreeSet|ArrayDeque|Vector|Stack|CopyOnWriteArrayList|ConcurrentLinkedQueue)$/;
const MAP_TYPES = /^(?:HashMap|LinkedHashMap|TreeMap|ConcurrentHashMap|Hashtable|Properties|EnumMap|LinkedMultiValueMap)$/;
const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|csh|tcsh|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;
const SHELL_FLAGS = /^(?:-c|\/c|\/C|-Command|-lc|-ec)$/;

/** A list built in the function: its entries by position. */
function listValue(items: Value[]): Value {
  const fields = new Map<string, Value>();
  items.forEach((v, i) => fields.set(String(i), v));
  return { ...joined(items), fields, kind: 'list' };
}

/** `Map.of(k1, v1, …)`: entries under constant keys. */
function mapOf(args: SiteArg[]): Value {
  const fields = new Map<string, Value>();
  let rest: Value = CLEAN;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i]!.value;
    if (key.constant !== undefined && key.level === Level.Clean) fields.set(String(key.constant), args[i + 1]!.value);
    else rest = join(rest, joined([key, args[i + 1]!.value]));
  }
  return { ...rest, fields, kind: 'map' };
}

/** A command given as a list (`{"sh", "-c", cmd}`): the part that decides what runs, and whether a shell reads it. */
function commandOf(items: Value[] | undefined, whole: Value): { value: Value; shell: boolean } {
  if (!items) return { value: flatten(whole), shell: false };
  // `{"cmd.exe", "/c", …}` on Windows and `{"sh", "-c", …}` elsewhere: any of the programs a branch chose.
  const may = (v: Value | undefined, pattern: RegExp) => (v?.level === Level.Clean ? (v.constant !== undefined ? [v.constant] : (v.choices ?? [])) : []).some((c) => typeof c === 'string' && pattern.test(c));
  if (may(items[0], SHELLS) && may(items[1], SHELL_FLAGS)) return { value: joined(items.slice(2)), shell: true };
  return { value: items[0] ? flatten(items[0]) : flatten(whole), shell: false };
}

/** The entries of a list or array value by position, if it was built in the function. */
function positional(value: Value): Value[] | undefined {
  if (!value.fields) return undefined;
  const out: Value[] = [];
  for (let i = 0; value.fields.has(String(i)); i++) out.push(value.fields.get(String(i))!);
  return out.length === value.fields.size ? out : undefined;
}

/** `new ProcessBuilder(…)` / `pb.command(…)`: what the builder will run. */
function processValue(args: SiteArg[]): Value {
  const single = args.length === 1 ? args[0]! : undefined;
  const items = single ? positional(single.value) : args.map((a) => a.value);
  const command = commandOf(single && !items && single.value.constant !== undefined ? [single.value] : items, single?.value ?? joined(args.map((a) => a.value)));
  return { ...command.value, kind: command.shell ? 'process:shell' : 'process:program' };
}

const XML_FACTORIES: [RegExp, string][] = [
  [/^DocumentBuilderFactory\.new(?:Default)?(?:NS)?Instance$/, 'dbf'],
  [/^SAXParserFactory\.new(?:Default)?(?:NS)?Instance$/, 'sax'],
  [/^XMLInputFactory\.new(?:Default)?(?:Instance|Factory)$/, 'stax'],
  [/^(?:SAX)?TransformerFactory\.new(?:Default)?Instance$/, 'transformer'],
  [/^SchemaFactory\.new(?:Default)?Instance$/, 'schema'],
  [/^XMLReaderFactory\.createXMLReader$/, 'reader'],
];
const XML_CONSTRUCTORS: Record<string, string> = { SAXReader: 'dom4j', SAXBuilder: 'jdom', Digester: 'digester' };

/** True when a parser setting (`setFeature(name, value)`, `setProperty`, `setAttribute`) closes DTDs or external entities. */
function xmlSettingIsSafe(family: string, name: string, value: Value): boolean | undefined {
  const v = value.constant;
  if (value.level !== Level.Clean || v === undefined) return true; // not a constant: assume it is configured
  if (/disallow-doctype-decl/.test(name)) return v === true;
  if (/external-general-entities|external-parameter-entities|load-external-dtd/.test(name)) return v === false ? true : undefined;
  if (/SUPPORT_DTD|supportDTD|IS_SUPPORTING_EXTERNAL_ENTITIES|isSupportingExternalEntities/.test(name)) return v === false ? true : undefined;
  if (/ACCESS_EXTERNAL_(?:DTD|SCHEMA|STYLESHEET)|accessExternal(?:DTD|Schema|Stylesheet)/.test(name)) return v === '' ? true : undefined;
  if (/FEATURE_SECURE_PROCESSING|feature\/secure-processing/.test(name) && (family === 'transformer' || family === 'schema')) return v === true ? true : undefined;
  return undefined;
}

function cookieKind(name: Value | undefined): string {
  const n = name?.constant;
  const sensitive = typeof n !== 'string' || SECRET_CONTEXT.test(words(n));
  return `cookie:insecure:${sensitive ? 'sensitive' : 'plain'}`;
}

/** True when an expression's literal text (`"api_key=" + key + "; Path=/"`) sets a sensitive cookie without `Secure`. */
function insecureCookieHeader(e: Expr): boolean {
  const literals: string[] = [];
  const visit = (x: Expr): void => {
    if (x.k === 'lit' && typeof x.value === 'string') literals.push(x.value);
    else if (x.k === 'binary') {
      visit(x.left);
      visit(x.right);
    } else if (x.k === 'template') x.parts.forEach(visit);
    else if (x.k === 'call') x.args.forEach((a) => visit(a.value));
  };
  visit(e);
  const text = literals.join('');
  if (!text || /;\s*secure\b/i.test(text)) return false;
  const name = /^\s*([^=;\s]+)=/.exec(literals[0] ?? '')?.[1];
  return name === undefined || SECRET_CONTEXT.test(words(name));
}

function isResponse(site: CallSite, tree: SyntaxTree): boolean {
  return kindOf(site.receiver).startsWith('servlet-response') || RESPONSE_TYPES.test(receiverType(site, tree));
}

function isRequest(site: CallSite, tree: SyntaxTree): boolean {
  return kindOf(site.receiver) === 'servlet-request' || REQUEST_TYPES.test(receiverType(site, tree));
}

function isSession(site: CallSite, tree: SyntaxTree): boolean {
  return kindOf(site.receiver) === 'session' || receiverType(site, tree) === 'HttpSession';
}

/** `contentType(MediaType.TEXT_HTML)`, `setContentType("text/html")`: the kind a response gets. */
function contentKind(base: string, e: Expr, value: Value): string | undefined {
  const text = typeof value.constant === 'string' ? value.constant : (pathOf(e) ?? '');
  if (!text) return undefined;
  return notHtml(text) ? `${base}:nohtml` : /html/i.test(text) ? `${base}:html` : undefined;
}

/** The value of a call on a string builder or a positional list that adds to it. */
function appended(site: CallSite): Value | undefined {
  const kind = kindOf(site.receiver);
  const method = site.method ?? '';
  const receiver = site.receiver;
  if (!receiver) return undefined;
  if (kind === 'sb' && /^(?:append|insert)$/.test(method)) {
    const added = joined(site.args.slice(method === 'insert' ? 1 : 0).map((a) => a.value));
    const out = join({ ...receiver, constant: undefined }, added);
    return { ...out, kind: 'sb', ...(out.level > Level.Clean ? { built: true } : {}) };
  }
  if (kind === 'list' && /^(?:add|addLast|push|offer)$/.test(method) && site.args.length === 1) {
    const items = positional(receiver);
    const value = site.args[0]!.value;
    if (!items) return { ...join(receiver, { ...flatten(value), constant: undefined }), kind: 'list' };
    return listValue([...items, value]);
  }
  return undefined;
}

// ---------------------------------------------------------------- sinks

const SQL_ALWAYS = /^(?:executeQuery|executeUpdate|executeLargeUpdate|addBatch|prepareStatement|prepareCall|nativeSQL|createNativeQuery|createSQLQuery|createQuery|queryForList|queryForObject|queryForMap|queryForRowSet|queryForStream|queryForLong|queryForInt|batchUpdate)$/;
const SQL_TYPED = /^(?:execute|executeLargeBatch|query|update|sql|fetch|fetchOne|resultQuery)$/;
const SQL_TYPES = /Statement$|^(?:Connection|JdbcTemplate|JdbcOperations|NamedParameterJdbcTemplate|NamedParameterJdbcOperations|JdbcClient|EntityManager|Session|StatelessSession|QueryRunner|Handle|Jdbi|DSLContext)$/;
const SCRIPT_TYPES = /^(?:ScriptEngine|Compilable|NashornScriptEngine|AbstractScriptEngine|GroovyScriptEngineImpl)$/;
const GROOVY_TYPES = /^(?:GroovyShell|GroovyClassLoader|GroovyScriptEngine)$/;
const LDAP_FILTER_OBJECTS = /^(?:EqualsFilter|AndFilter|OrFilter|NotFilter|LikeFilter|PresentFilter|NotPresentFilter|GreaterThanOrEqualsFilter|LessThanOrEqualsFilter|WhitespaceWildcardsFilter|ProximityFilter|AbstractFilter)$/;
const LDAP_JNDI_TYPES = /^(?:DirContext|InitialDirContext|LdapContext|InitialLdapContext|EventDirContext)$/;
const LDAP_SPRING_TYPES = /^(?:LdapTemplate|LdapOperations)$/;
const LDAP_UNBOUNDID_TYPES = /^(?:LDAPConnection|LDAPInterface|LDAPConnectionPool|AbstractConnectionPool)$/;
const FILE_CONSTRUCTORS = /^(?:FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile|FileSystemResource|PathResource|ZipFile|JarFile|FileDataSource|FileImageInputStream|FileImageOutputStream)$/;
const FILES_METHODS =
  /^(?:readAllBytes|readAllLines|readString|lines|newInputStream|newOutputStream|newBufferedReader|newBufferedWriter|newByteChannel|write|writeString|delete|deleteIfExists|createFile|createDirectory|createDirectories|createTempFile|list|walk|find|newDirectoryStream|setPosixFilePermissions|setAttribute|setLastModifiedTime|createSymbolicLink|createLink)$/;
const PATH_RECEIVER_SINKS = /^(?:exists|delete|deleteOnExit|mkdir|mkdirs|createNewFile|listFiles|renameTo|setReadable|setWritable|setExecutable)$/;
const REST_TEMPLATE_ALWAYS = /^(?:getForObject|getForEntity|postForObject|postForEntity|postForLocation|patchForObject|headForHeaders|optionsForAllow)$/;
const HTTP_REQUEST_CONSTRUCTORS = /^(?:HttpGet|HttpPost|HttpPut|HttpDelete|HttpPatch|HttpHead|HttpOptions|HttpTrace|GetMethod|PostMethod)$/;
const WEAK_HASH_ALGORITHM = /^(?:MD2|MD4|MD5|SHA-?1|SHA)$/i;
const WEAK_HASH_CALLS =
  /^(?:DigestUtils\.(?:md2|md5|sha|sha1|md2Hex|md5Hex|shaHex|sha1Hex|getMd2Digest|getMd5Digest|getShaDigest|getSha1Digest|md5Digest|md5DigestAsHex|appendMd5DigestAsHex)|Hashing\.(?:md5|sha1))$/;
const WEAK_PASSWORD_ENCODERS = /^(?:Md5PasswordEncoder|ShaPasswordEncoder|LdapShaPasswordEncoder|Md4PasswordEncoder|MessageDigestPasswordEncoder)$/;
const WEAK_RANDOM_METHODS = /^(?:next\w*|ints|longs|doubles)$/;

/** The value a shell or a program name receives from an argument that is a command line or an argument list. */
function commandArg(a: SiteArg, declared: string): { value: Value; shell: boolean } {
  const items = positional(a.value);
  if (items || a.expr.k === 'seq' || /\[\]$|^(?:List|ArrayList|Collection)$/.test(declared)) return commandOf(items, a.value);
  return { value: a.value, shell: true };
}

function xmlKind(value: Value | undefined): { family: string; safe: boolean } | undefined {
  const m = /^xml:(\w+):(safe|unsafe)$/.exec(kindOf(value));
  return m ? { family: m[1]!, safe: m[2] === 'safe' } : undefined;
}

/** Java's sources, sinks, sanitisers, guards and setters for the taint analysis. */
export const javaRules: LanguageRules = {
  param(fn: FunctionIR, index: number, _module, tree: SyntaxTree): Value | undefined {
    const p = fn.params[index];
    if (!p) return undefined;
    const type = simpleType(p.type);
    // A handler's HttpHeaders are the request's (a local one is the code's own).
    if (REQUEST_TYPES.test(type) || (type === 'HttpHeaders' && (isHandler(fn) || (p.annotations ?? []).includes('Context')))) return { level: Level.Clean, kind: 'servlet-request' };
    if (type === 'ServerWebExchange') return { level: Level.Clean, kind: 'exchange' };
    if (RESPONSE_TYPES.test(type)) return { level: Level.Clean, kind: 'servlet-response' };
    if (type === 'HttpSession') return { level: Level.Clean, kind: 'session' };
    const annotations = p.annotations ?? [];
    if (annotations.some((a) => NOT_REQUEST_DATA.test(a))) return undefined;
    const bound = annotations.find((a) => SOURCE_ANNOTATIONS[a] !== undefined);
    // An annotation of the application's own (`@CurrentUser`) names a resolver that fills the parameter.
    if (!bound && annotations.some((a) => !DESCRIPTIVE_ANNOTATIONS.test(a))) return undefined;
    // Spring binds unannotated parameters of a handler from the request too (simple types as
    // request parameters, other types as model attributes), except what it injects.
    if (!bound && (!isHandler(fn) || INJECTED_TYPES.test(type))) return undefined;
    if (SCALAR_TYPES.test(type)) return CLEAN;
    const what = bound ? SOURCE_ANNOTATIONS[bound]! : /^(?:MultipartFile|Part|FilePart)(?:\[\])?$/.test(type) ? 'an uploaded file' : 'a request parameter';
    const nameNode = field(fn.node, 'name') ?? fn.node;
    return { level: Level.Tainted, origin: { code: `${bound ? `@${bound} ` : ''}${p.type ? `${p.type} ` : ''}${p.name}`, line: tree.line(nameNode), what } };
  },

  sourceAttr(path: string): string | null | undefined {
    // `String.format`, `HttpServletResponse.SC_FORBIDDEN`, `EXPORT_DIR`: classes and constants, not data.
    return /^(?:[a-z_$][\w$]*\.)*[A-Z]/.test(path) ? null : undefined;
  },

  call(site: CallSite, tree: SyntaxTree): Value | undefined {
    const path = shortPath(site);
    const method = site.method ?? '';
    const receiver = site.receiver;
    const kind = kindOf(receiver);
    const first = arg(site, 0);
    const values = site.args.map((a) => a.value);

    const folded = foldString(site);
    if (folded !== undefined) return { level: Level.Clean, constant: folded };
    if (site.receiverExpr && isRequest(site, tree)) {
      const what = REQUEST_GETTERS[method];
      if (what) return tainted(site, tree, what);
      if (/^(?:getSession|changeSessionId)$/.test(method)) return { level: Level.Clean, kind: 'session' };
      return UNKNOWN;
    }
    if (kind === 'exchange') {
      if (method === 'getRequest') return { level: Level.Clean, kind: 'servlet-request' };
      if (method === 'getFormData' || method === 'getMultipartData') return tainted(site, tree, 'the form data');
      return UNKNOWN;
    }
    if (site.receiverExpr && isResponse(site, tree) && /^(?:getWriter|getOutputStream)$/.test(method)) {
      return { level: Level.Clean, kind: kind.endsWith(':nohtml') ? 'writer:nohtml' : 'writer' };
    }
    if (site.receiverExpr && isSession(site, tree) && /^get/.test(method)) return UNKNOWN;

    // Known values: numbers, hashes, classpath resources, repositories' rows.
    if (CLEANERS.test(path) || (site.isNew && CLEAN_CONSTRUCTORS.test(path))) return CLEAN;
    if (site.receiverExpr && CLEAN_METHODS.test(method)) return CLEAN;
    if (method === 'valueOf' && /^[A-Z]\w*\.valueOf$/.test(path) && !/^String\./.test(path)) return CLEAN;
    if (/^(?:getResource|getResourceAsStream|getSystemResource|getSystemResourceAsStream)$/.test(method)) return CLEAN;
    // What a repository or service looks up by a key from the request is stored data, not the key.
    if (/(?:Repository|Repo|Dao|DAO|Service|Manager|Store)$/.test(receiverType(site, tree)) && /^(?:find|get|load|fetch|read|lookup|query|search|exists|count|authenticate|login)/.test(method)) return UNKNOWN;

    for (const [pattern, classes] of SANITISERS) if (pattern.test(path)) return safeFor(joined(values), classes);
    if (site.receiverExpr && method === 'getFileName') return safeFor(flatten(receiver ?? UNKNOWN), ['CWE-22']);
    if (site.receiverExpr && method === 'getName' && kind.startsWith('path')) return safeFor(flatten(receiver ?? UNKNOWN), ['CWE-22']);

    // Pure library code on constants, and the code's own lists, maps, builders and streams, give clean values.
    const cleanArgs = values.every((v) => v.level === Level.Clean);
    if (cleanArgs && receiver && flatten(receiver).level === Level.Clean && /^(?:list|map|sb|stream|classpath)$/.test(kind) && !/^(?:add\w*|put\w*|append|insert|remove\w*|offer|push|set|get|getOrDefault)$/.test(method)) return { level: Level.Clean, kind };
    if (site.receiverExpr && /^(?:map|mapToObj|flatMap|mapMulti)$/.test(method) && site.args.length === 1 && first?.expr.node.type === 'lambda_expression' && first.value.level === Level.Clean) {
      return { level: Level.Clean, kind: 'stream' };
    }
    // Strings built from a format or parts.
    if (/^(?:String\.format|MessageFormat\.format|String\.join|StringUtils\.join|String\.valueOf|Objects\.toString)$/.test(path) || (method === 'formatted' && site.receiverExpr)) {
      const parts = method === 'formatted' && receiver ? [receiver, ...values] : values;
      if (parts.every((v) => v.level === Level.Clean)) return CLEAN;
      const out = joined(parts);
      if (path === 'String.valueOf' || path === 'Objects.toString') return out;
      const format = /format/i.test(method) ? parts[0]?.constant : undefined;
      const prefix = typeof format === 'string' ? format.slice(0, format.includes('%') ? format.indexOf('%') : undefined) : undefined;
      return { ...out, built: true, prefix };
    }

    // Collections.
    if (site.isNew && LIST_TYPES.test(path)) return first && first.value.constant === undefined ? { ...joined([first.value]), kind: 'list' } : { level: Level.Clean, fields: new Map(), kind: 'list' };
    if (site.isNew && MAP_TYPES.test(path)) return first && first.value.fields ? first.value : first && first.value.constant === undefined ? { ...joined([first.value]), kind: 'map' } : { level: Level.Clean, fields: new Map(), kind: 'map' };
    if (/^(?:List\.of|Set\.of|Arrays\.asList|Stream\.of|Collections\.singletonList|Collections\.singleton|List\.copyOf|Set\.copyOf|ImmutableList\.of|ImmutableSet\.of|EnumSet\.of)$/.test(path)) {
      if (site.args.length === 1 && first!.value.fields) return { ...first!.value, kind: 'list' };
      return listValue(values);
    }
    if (/^(?:Map\.of|ImmutableMap\.of|Collections\.singletonMap)$/.test(path)) return mapOf(site.args);
    if (cleanArgs && PURE_STATICS.test(path)) return CLEAN;
    if (site.receiverExpr && receiver && /^(?:get|getOrDefault|getFirst|remove|poll|peek|elementAt|firstElement|lastElement)$/.test(method) && site.args.length >= 1 && !isClassRef(site.receiverExpr)) {
      const key = first!.value;
      const entry = key.constant !== undefined && key.level === Level.Clean ? receiver.fields?.get(String(key.constant)) : undefined;
      const value = entry ?? { ...flatten(receiver), constant: undefined, kind: undefined };
      return method === 'getOrDefault' && site.args[1] ? join(value, site.args[1].value) : value;
    }
    const builder = appended(site);
    if (builder) return method === 'append' || method === 'insert' ? builder : CLEAN;
    // Readers and streams around a value are that value; a DOM source is a tree, not text to parse.
    if (site.isNew && STREAM_WRAPPERS.test(path)) return joined(values);
    if (site.isNew && /^(?:DOMSource|StAXSource|JAXBSource)$/.test(path)) return { ...joined(values), kind: 'dom-source' };
    if (site.isNew && /^(?:ClassPathResource|ServletContextResource)$/.test(path) && cleanArgs) return { level: Level.Clean, kind: 'classpath' };
    if (site.isNew && /^(?:StringBuilder|StringBuffer|StringWriter|StringJoiner)$/.test(path)) {
      const initial = first && typeof first.value.constant !== 'number' ? first.value : CLEAN;
      return { ...flatten(initial), constant: undefined, kind: 'sb' };
    }

    // Paths.
    if ((site.isNew && /^File$/.test(path)) || /^(?:Paths\.get|Path\.of|FileSystems\.getDefault\(\)\.getPath)$/.test(path)) return { ...joined(values), kind: 'path' };
    if (site.receiverExpr && /^(?:resolve|resolveSibling)$/.test(method) && (kind.startsWith('path') || /^(?:Path|File)$/.test(receiverType(site, tree)))) {
      return { ...joined([receiver ?? CLEAN, ...values]), kind: 'path' };
    }
    if (site.receiverExpr && /^(?:normalize|toRealPath|getCanonicalPath|getCanonicalFile)$/.test(method)) {
      const origin = site.receiverExpr.k === 'name' ? `:${site.receiverExpr.name}` : site.receiverExpr.k === 'call' && site.receiverExpr.callee.k === 'attr' && site.receiverExpr.callee.object.k === 'name' && /^(?:toAbsolutePath|getAbsoluteFile)$/.test(site.receiverExpr.callee.name) ? `:${site.receiverExpr.callee.object.name}` : '';
      return { ...flatten(receiver ?? UNKNOWN), constant: undefined, kind: `path:normalized${origin}` };
    }

    // Kinds: parsers, engines, streams, cookies, builders.
    for (const [pattern, family] of XML_FACTORIES) if (pattern.test(path)) return { level: Level.Clean, kind: `xml:${family}:unsafe` };
    if (site.isNew && XML_CONSTRUCTORS[path]) return { level: Level.Clean, kind: `xml:${XML_CONSTRUCTORS[path]}:unsafe` };
    const xml = xmlKind(receiver);
    if (xml && /^(?:parse|read|build|createXMLStreamReader|createXMLEventReader|transform|validate|unmarshal)$/.test(method)) return joined(values);
    if (method === 'newXPath') return { level: Level.Clean, kind: 'xpath' };
    if (kind === 'xpath' && method === 'compile') return { level: Level.Clean, kind: 'xpath-expr' };
    if (/^(?:getEngineByName|getEngineByExtension|getEngineByMimeType)$/.test(method)) return { level: Level.Clean, kind: 'script-engine' };
    if (site.isNew && /^(?:GroovyShell|GroovyClassLoader)$/.test(path)) return { level: Level.Clean, kind: 'groovy' };
    if (site.isNew && /ExpressionParser$/.test(path)) return { level: Level.Clean, kind: 'spel' };
    if (site.isNew && path === 'ObjectInputStream') return { ...joined(values), kind: 'ois' };
    if (site.isNew && /^(?:ValidatingObjectInputStream|FilteringObjectInputStream)$/.test(path)) return { ...joined(values), kind: 'ois:filtered' };
    if (site.isNew && path === 'XMLDecoder') return { ...joined(values), kind: 'xml-decoder' };
    if (site.isNew && /^(?:HessianInput|Hessian2Input|BurlapInput)$/.test(path)) return { ...joined(values), kind: 'hessian' };
    if (site.isNew && path === 'Kryo') return { level: Level.Clean, kind: 'kryo' };
    if ((site.isNew && path === 'ObjectMapper') || /^(?:JsonMapper|ObjectMapper)\.builder\(\)/.test(path)) return { level: Level.Clean, kind: 'jackson' };
    if (site.isNew && /^(?:SafeConstructor)$/.test(path)) return { level: Level.Clean, kind: 'yaml-ctor:safe' };
    if (site.isNew && path === 'Yaml') {
      const safe = site.args.some((a) => kindOf(a.value) === 'yaml-ctor:safe' || /SafeConstructor/.test(tree.textOf(a.expr.node)));
      return { level: Level.Clean, kind: safe ? 'yaml:safe' : 'yaml:unsafe' };
    }
    if (site.isNew && path === 'XStream') return { level: Level.Clean, kind: 'xstream' };
    if (/^(?:ois|xml-decoder|hessian)/.test(kind) && /^(?:readObject|readUnshared)$/.test(method)) return { ...flatten(receiver ?? UNKNOWN), kind: undefined, opaque: true };
    if (site.isNew && path === 'Cookie') return { level: Level.Clean, kind: cookieKind(first?.value) };
    if (/^ResponseCookie\.(?:from|fromClientResponse)$/.test(path)) return { level: Level.Clean, kind: cookieKind(first?.value) };
    if (kind.startsWith('cookie:') && method === 'secure') return { ...(receiver ?? CLEAN), kind: kind.replace(/^cookie:\w+/, first?.value.constant === false ? 'cookie:insecure' : 'cookie:secure') };
    if (site.isNew && path === 'ProcessBuilder') return processValue(site.args);
    if (kind.startsWith('process:') && method === 'command' && site.args.length) return processValue(site.args);
    if (/^ResponseEntity\.\w+$/.test(path)) return { ...joined(values), kind: 'response-entity' };
    if (kind.startsWith('response-entity') && method === 'contentType' && first) return { ...(receiver ?? CLEAN), kind: contentKind('response-entity', first.expr, first.value) ?? kind };
    if (/^(?:UriComponentsBuilder|ServletUriComponentsBuilder|UriBuilder)\.\w+$/.test(path) || (site.isNew && path === 'DefaultUriBuilderFactory')) {
      return values.every((v) => v.level === Level.Clean) ? { level: Level.Clean, kind: 'uri-builder' } : undefined;
    }
    // HATEOAS links start at the current request's base and the controller's own mapping.
    if (/^(?:(?:WebMvcLinkBuilder|ControllerLinkBuilder|WebFluxLinkBuilder|BasicLinkBuilder)\.)?linkTo\w*$/.test(path)) return { ...hostFixed(joined(values)), kind: 'uri-builder' };
    if (kind === 'uri-builder') {
      const added = joined(values.slice(/^(?:queryParam|replaceQueryParam)$/.test(method) ? 1 : 0));
      // Query values, path segments after the base it started from, expansion and encoding cannot move the host.
      if (/^(?:queryParam|queryParams|replaceQueryParam|replaceQueryParams|fragment|encode|build|buildAndExpand|expand|toUriString|toUri|path|pathSegment|slash|withSelfRel|withRel|toUriComponentsBuilder|getHref)$/.test(method)) {
        const base = receiver ?? CLEAN;
        const marked = hostFixed(added);
        const out = base.level === Level.Tainted ? join(base, marked) : { ...marked, level: Math.max(base.level, marked.level) as Level };
        return { ...out, kind: 'uri-builder' };
      }
      // A host or scheme: the same builder when constant, input that moves it otherwise.
      if (added.level === Level.Clean) return { ...(receiver ?? CLEAN) };
    }
    // URLs keep what they start with (a fixed host pins them).
    if ((site.isNew && /^(?:URL|URI)$/.test(path)) || /^(?:URI\.create|URL\.of)$/.test(path)) return joined(values);
    if (site.receiverExpr && /^(?:toURL|toURI|toExternalForm|toASCIIString)$/.test(method)) return { ...flatten(receiver ?? UNKNOWN), constant: undefined };
    if (/^HttpRequest\.newBuilder$/.test(path)) return { ...joined(values), kind: 'http-request' };
    if (kind === 'http-request') return method === 'uri' ? { ...joined(values), kind } : { ...(receiver ?? CLEAN) };
    if (/^WebClient\.(?:create|builder)$/.test(path)) return { level: Level.Clean, kind: 'webclient' };
    if (/^HttpClient\.(?:newHttpClient|newBuilder)$/.test(path)) return { level: Level.Clean, kind: 'http-client' };
    if (site.isNew && /^(?:RestTemplate|TestRestTemplate)$/.test(path)) return { level: Level.Clean, kind: 'rest-template' };
    if (site.isNew && /^(?:Request\.Builder|okhttp3\.Request\.Builder)$/.test(path)) return { level: Level.Clean, kind: 'okhttp-request' };
    if (/^LdapQueryBuilder\.query$/.test(path)) return { level: Level.Clean, kind: 'ldap-query' };
    // Spring LDAP's filter objects encode their values; a HardcodedFilter is the raw text it is given.
    if (site.isNew && LDAP_FILTER_OBJECTS.test(path)) return { level: Level.Clean, kind: 'ldap-filter' };
    if (site.isNew && path === 'HardcodedFilter') return { ...joined(values), kind: 'ldap-filter' };
    if (kind === 'ldap-filter') return { ...join(flatten(receiver ?? CLEAN), joined(values.filter((v) => kindOf(v) === 'ldap-filter'))), kind: 'ldap-filter', ...(method === 'encode' || method === 'toString' ? { built: true } : {}) };
    if (/^MessageDigest\.getInstance$/.test(path)) return { level: Level.Clean, kind: 'digest' };
    if (site.receiverExpr && /^(?:createStatement|prepareStatement|prepareCall)$/.test(method)) return { level: Level.Clean, kind: 'sql' };
    return undefined;
  },

  receiverAfter(site: CallSite): Value | undefined {
    const receiver = site.receiver;
    if (!receiver) return undefined;
    const kind = kindOf(receiver);
    const method = site.method ?? '';
    const [first, second] = site.args;
    const xml = xmlKind(receiver);
    if (xml && /^(?:setFeature|setProperty|setAttribute)$/.test(method) && first && second) {
      const name = typeof first.value.constant === 'string' ? first.value.constant : (pathOf(first.expr) ?? '');
      const safe = xmlSettingIsSafe(xml.family, name, second.value);
      return safe ? { ...receiver, kind: `xml:${xml.family}:safe` } : undefined;
    }
    if (kind.startsWith('cookie:') && method === 'setSecure' && first) return { ...receiver, kind: kind.replace(/^cookie:\w+/, first.value.constant === false ? 'cookie:insecure' : 'cookie:secure') };
    if (kind === 'ois' && method === 'setObjectInputFilter') return { ...receiver, kind: 'ois:filtered' };
    if (kind.startsWith('kryo') && method === 'setRegistrationRequired' && first) return { ...receiver, kind: first.value.constant === false ? 'kryo:unsafe' : 'kryo' };
    if (kind.startsWith('jackson') && /^(?:activateDefaultTyping\w*|enableDefaultTyping\w*|setDefaultTyping)$/.test(method)) return { ...receiver, kind: 'jackson:polymorphic' };
    if (kind === 'xstream' && /^(?:allowTypes\w*|addPermission|setupDefaultSecurity|denyTypes\w*)$/.test(method)) return { ...receiver, kind: 'xstream:restricted' };
    if (kind.startsWith('servlet-response') && first) {
      const contentType = method === 'setContentType' ? first : /^(?:setHeader|addHeader)$/.test(method) && /^content-type$/i.test(String(first.value.constant ?? '')) ? second : undefined;
      if (contentType) {
        const next = contentKind('servlet-response', contentType.expr, contentType.value);
        return next ? { ...receiver, kind: next } : undefined;
      }
    }
    if (kind.startsWith('process:') && method === 'command' && site.args.length) return processValue(site.args);
    if (method === 'remove' && first && receiver.fields && first.value.level === Level.Clean) {
      const key = first.value.constant;
      // `list.remove(0)` shifts what follows; `map.remove("k")` drops the entry.
      const items = kind === 'list' && typeof key === 'number' ? positional(receiver) : undefined;
      if (items) return listValue(items.filter((_, i) => i !== key));
      if (kind === 'map' && key !== undefined && key !== null) {
        const fields = new Map(receiver.fields);
        fields.delete(String(key));
        return { ...receiver, fields };
      }
    }
    return appended(site);
  },

  sinks(site: CallSite, tree: SyntaxTree): SinkHit[] {
    const path = shortPath(site);
    const method = site.method ?? '';
    const receiver = site.receiver;
    const kind = kindOf(receiver);
    const type = receiverType(site, tree);
    const hits: SinkHit[] = [];
    // Test code runs on fixtures: a value of unknown origin there is the test's own.
    const test = inTest(site.fn);
    const add = (cwe: Cwe, rule: string, value: Value | undefined, unknownOrigin: SinkHit['unknownOrigin'], what: string) => {
      if (value && !pinned(cwe, value)) hits.push(sink(cwe, rule, value, test ? 'never' : unknownOrigin, site, what));
    };
    const first = arg(site, 0);
    const second = arg(site, 1);
    const onValue = site.receiverExpr !== undefined && !isClassRef(site.receiverExpr);

    // SQL
    // (`createQuery` also takes JPA criteria objects, which are parameterised: only text is a query there.)
    if (onValue && first && (SQL_ALWAYS.test(method) || (SQL_TYPED.test(method) && (SQL_TYPES.test(type) || kind === 'sql'))) && (method !== 'createQuery' || isText(first, site, tree))) {
      add('CWE-89', 'sql-injection', first.value, 'built', 'an SQL query');
    }
    // Commands
    if (/^Runtime\.getRuntime\(\)\.exec$/.test(path) || (method === 'exec' && type === 'Runtime')) {
      if (first) {
        const command = commandArg(first, first.expr.k === 'name' ? simpleType(declaredType(tree, site.fn, first.expr.name)) : '');
        add('CWE-78', 'command-injection', command.value, command.shell ? 'any' : 'never', command.shell ? 'a shell command' : 'the program that is run');
      }
      // `exec(cmd, envp)`: variables like LD_PRELOAD, BASH_ENV or PATH decide what the command runs.
      if (second) add('CWE-78', 'command-injection', second.value, 'never', 'the environment of a command');
    }
    if (kind.startsWith('process:') && method === 'start' && receiver) {
      const shell = kind === 'process:shell';
      add('CWE-78', 'command-injection', { ...receiver, kind: undefined }, shell ? 'any' : 'never', shell ? 'a shell command' : 'the program that is run');
    }
    if (/^CommandLine\.parse$/.test(path)) add('CWE-78', 'command-injection', first?.value, 'any', 'a command line');
    // Code
    if (method === 'eval' && (kind === 'script-engine' || SCRIPT_TYPES.test(type) || /^(?:ScriptEngine|Context)$/.test(type))) add('CWE-94', 'code-injection', first?.value, 'any', 'a script that is evaluated');
    if (method === 'compile' && (kind === 'script-engine' || /^(?:Compilable|ScriptEngine)$/.test(type))) add('CWE-94', 'code-injection', first?.value, 'any', 'a script that is compiled');
    if ((kind === 'groovy' || GROOVY_TYPES.test(type)) && /^(?:evaluate|parse|run|parseClass)$/.test(method)) add('CWE-94', 'code-injection', first?.value, 'any', 'a Groovy script that is run');
    if (/^(?:MVEL\.(?:eval|compileExpression|evalToString|evalToBoolean)|Eval\.(?:me|x|xy|xyz)|Ognl\.(?:getValue|setValue|parseExpression)|Velocity\.evaluate)$/.test(path)) {
      const code = path.startsWith('Eval.') ? site.args[site.args.length - 1] : path === 'Velocity.evaluate' ? arg(site, 3) : first;
      add('CWE-94', 'code-injection', code?.value, path === 'Velocity.evaluate' ? 'never' : 'any', 'an expression that is evaluated');
    }
    if (onValue && /^(?:parseExpression|parseRaw)$/.test(method) && (kind === 'spel' || /ExpressionParser$/.test(type))) add('CWE-94', 'code-injection', first?.value, 'any', 'a SpEL expression that is evaluated');
    if (onValue && /^(?:createValueExpression|createMethodExpression)$/.test(method) && site.args.length >= 3) add('CWE-94', 'code-injection', second?.value, 'any', 'an EL expression that is evaluated');
    if (onValue && /^(?:eval|getValue|setValue)$/.test(method) && type === 'ELProcessor') add('CWE-94', 'code-injection', first?.value, 'any', 'an EL expression that is evaluated');
    if (onValue && /^(?:createExpression|createScript)$/.test(method) && /^Jexl/.test(type)) add('CWE-94', 'code-injection', first?.value, 'any', 'a JEXL expression that is evaluated');
    // Deserialisation
    if (/^(?:ois|xml-decoder|hessian)$/.test(kind) && /^(?:readObject|readUnshared)$/.test(method)) add('CWE-502', 'unsafe-deserialization', { ...flatten(receiver!), kind: undefined }, 'any', 'a deserialiser that builds arbitrary objects');
    if (kind === 'kryo:unsafe' && /^(?:readClassAndObject|readObject|readObjectOrNull)$/.test(method)) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'Kryo without class registration');
    if (kind === 'jackson:polymorphic' && /^(?:readValue|readValues|convertValue|treeToValue)$/.test(method)) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'Jackson with default typing');
    if (kind === 'yaml:unsafe' && /^(?:load|loadAll|loadAs)$/.test(method)) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'a YAML loader that builds arbitrary objects');
    if (kind === 'xstream' && method === 'fromXML') add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'XStream without a type allow list');
    if (/^(?:SerializationUtils\.deserialize|SerializationUtils\.clone)$/.test(path) && path.endsWith('deserialize')) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'a deserialiser that builds arbitrary objects');
    // Paths
    if (site.isNew && FILE_CONSTRUCTORS.test(path)) add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
    if (site.isNew && path === 'PrintWriter' && first && kindOf(first.value).startsWith('path')) add('CWE-22', 'path-traversal', first.value, 'never', 'a file path');
    if (/^Files\.\w+$/.test(path)) {
      if (FILES_METHODS.test(method)) add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
      else if (/^(?:copy|move)$/.test(method)) for (const a of site.args) if (kindOf(a.value).startsWith('path')) add('CWE-22', 'path-traversal', a.value, 'never', 'a file path');
    }
    if (onValue && method === 'transferTo' && first && kindOf(first.value).startsWith('path')) add('CWE-22', 'path-traversal', first.value, 'never', 'a file path');
    if (onValue && kind.startsWith('path') && !kind.startsWith('path:normalized') && PATH_RECEIVER_SINKS.test(method)) add('CWE-22', 'path-traversal', receiver, 'never', 'a file path');
    if (/^(?:ResourceUtils\.getFile|FileUtils\.(?:readFileToString|readFileToByteArray|readLines|writeStringToFile|writeByteArrayToFile|openInputStream|openOutputStream|forceDelete|deleteQuietly|copyFile))$/.test(path)) add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
    if (onValue && /^(?:getRealPath)$/.test(method)) add('CWE-22', 'path-traversal', first?.value, 'never', 'a file path');
    // SSRF
    if (onValue && /^(?:openConnection|openStream)$/.test(method) && site.args.length === 0) add('CWE-918', 'ssrf', receiver, 'never', 'the URL of an outgoing request');
    if (onValue && (REST_TEMPLATE_ALWAYS.test(method) || (/^(?:exchange|execute|put|delete)$/.test(method) && (kind === 'rest-template' || /^(?:RestTemplate|RestOperations|TestRestTemplate)$/.test(type))))) {
      add('CWE-918', 'ssrf', first?.value, 'never', 'the URL of an outgoing request');
    }
    if ((kind === 'webclient' && /^(?:uri|baseUrl)$/.test(method)) || /^WebClient\.create$/.test(path)) add('CWE-918', 'ssrf', first?.value, 'never', 'the URL of an outgoing request');
    if ((kind === 'http-client' || type === 'HttpClient') && /^(?:send|sendAsync)$/.test(method)) add('CWE-918', 'ssrf', first?.value, 'never', 'the URL of an outgoing request');
    if (/^(?:Jsoup\.connect|Request\.(?:Get|Post|Put|Delete|Head|Patch))$/.test(path) || (site.isNew && (HTTP_REQUEST_CONSTRUCTORS.test(path) || path === 'Socket'))) {
      add('CWE-918', 'ssrf', first?.value, 'never', 'the URL of an outgoing request');
    }
    if (kind === 'okhttp-request' && method === 'url') add('CWE-918', 'ssrf', first?.value, 'never', 'the URL of an outgoing request');
    // Redirects
    if (onValue && isResponse(site, tree)) {
      if (method === 'sendRedirect') add('CWE-601', 'open-redirect', first?.value, 'never', 'a redirect target');
      if (/^(?:setHeader|addHeader)$/.test(method) && /^location$/i.test(String(first?.value.constant ?? ''))) add('CWE-601', 'open-redirect', second?.value, 'never', 'a redirect target');
    }
    if (site.isNew && /^(?:RedirectView|RedirectResolution)$/.test(path)) add('CWE-601', 'open-redirect', first?.value, 'never', 'a redirect target');
    if (site.isNew && path === 'ModelAndView' && first && startsWithRedirect(first.expr)) add('CWE-601', 'open-redirect', first.value, 'never', 'a redirect target');
    if ((kind.startsWith('response-entity') && method === 'location') || (method === 'setLocation' && /^HttpHeaders$/.test(type)) || (method === 'setUrl' && type === 'RedirectView')) {
      add('CWE-601', 'open-redirect', first?.value, 'never', 'a redirect target');
    }
    // XSS
    if (kind === 'writer' && /^(?:print|println|printf|format|write|append)$/.test(method)) {
      const text = site.args.filter((a) => isText(a, site, tree));
      if (text.length) add('CWE-79', 'xss', joined(text.map((a) => a.value)), 'never', 'an HTML response');
    }
    if (kind === 'response-entity:html' && method === 'body' && first && isText(first, site, tree)) add('CWE-79', 'xss', first.value, 'never', 'an HTML response');
    // XXE
    const xml = xmlKind(receiver);
    // A DOM already in memory (`new DOMSource(doc)`) is not parsed again.
    if (xml && !xml.safe && !(first && kindOf(first.value) === 'dom-source')) {
      if (/^(?:parse|read|build|createXMLStreamReader|createXMLEventReader|validate|unmarshal)$/.test(method) || (method === 'transform' && xml.family === 'transformer') || (method === 'newTransformer' && first)) {
        add('CWE-611', 'xxe', first?.value, 'any', 'an XML parser that resolves external entities');
      }
    }
    if (/^DocumentHelper\.parseText$/.test(path)) add('CWE-611', 'xxe', first?.value, 'any', 'an XML parser that resolves external entities');
    // XPath
    if ((kind === 'xpath' || type === 'XPath') && /^(?:evaluate|compile|evaluateExpression)$/.test(method)) add('CWE-643', 'xpath-injection', first?.value, 'built', 'an XPath query');
    if (onValue && /^(?:selectNodes|selectSingleNode|createXPath|selectObject|numberValueOf)$/.test(method)) add('CWE-643', 'xpath-injection', first?.value, 'built', 'an XPath query');
    // LDAP
    if (onValue && /^(?:search|searchForObject|searchForStream|authenticate|find)$/.test(method)) {
      let filter: SiteArg | undefined;
      if (LDAP_JNDI_TYPES.test(type) || kind === 'ldap') filter = second;
      else if (LDAP_SPRING_TYPES.test(type)) filter = site.args.length >= 3 || method === 'authenticate' ? second : undefined;
      else if (LDAP_UNBOUNDID_TYPES.test(type)) filter = arg(site, 2);
      if (filter && typeof filter.value.constant !== 'number') add('CWE-90', 'ldap-injection', filter.value, 'built', 'an LDAP search filter');
    }
    if (kind === 'ldap-query' && method === 'filter') add('CWE-90', 'ldap-injection', first?.value, 'built', 'an LDAP search filter');
    if (/^Filter\.create$/.test(path)) add('CWE-90', 'ldap-injection', first?.value, 'built', 'an LDAP search filter');
    // Trust boundary
    if (onValue && isSession(site, tree) && /^(?:setAttribute|putValue)$/.test(method)) add('CWE-501', 'trust-boundary', second?.value, 'never', 'the server-side session');
    // Weak hashes, weak randomness, cookies: what the code does, whatever the data.
    const weakHash =
      (/^MessageDigest\.getInstance$/.test(path) && WEAK_HASH_ALGORITHM.test(String(first?.value.constant ?? ''))) ||
      WEAK_HASH_CALLS.test(path) ||
      (site.isNew && WEAK_PASSWORD_ENCODERS.test(path) && (path !== 'MessageDigestPasswordEncoder' || WEAK_HASH_ALGORITHM.test(String(first?.value.constant ?? ''))));
    if (weakHash && !test) {
      const fn = site.fn;
      const context = words([lineText(tree, site.expr.node), fn?.name ?? '', ...(fn?.params.map((p) => p.name) ?? [])].join(' '));
      const password = (site.isNew && WEAK_PASSWORD_ENCODERS.test(path)) || PASSWORD_CONTEXT.test(context) || JAVA_PASSWORD_CONTEXT.test(context);
      hits.push(sink(password ? 'CWE-328' : 'CWE-327', 'weak-hash', { level: Level.Tainted }, 'never', site, 'a weak hash', true));
    }
    const weakRandom =
      path === 'Math.random' ||
      (/^(?:ThreadLocalRandom\.current\(\)|Random\(\))\.\w+$/.test(path) && WEAK_RANDOM_METHODS.test(method)) ||
      (WEAK_RANDOM_METHODS.test(method) && /^Random$/.test(type)) ||
      /^(?:RandomStringUtils\.random\w*|RandomUtils\.next\w*)$/.test(path);
    if (weakRandom && !test) {
      const fn = site.fn;
      const filled = method === 'nextBytes' && first?.expr.k === 'name' ? first.expr.name : undefined;
      const context = [lineText(tree, site.expr.node), fn?.name ?? '', ...(fn?.decorators.map((d) => tree.textOf(d.node)) ?? []), ...usesOf(tree, fn, filled ?? assignedName(tree, site.expr.node))].join(' ');
      if (SECRET_NAMES.test(words(context)) || KEY_MATERIAL.test(context)) hits.push(sink('CWE-330', 'weak-random', { level: Level.Tainted }, 'never', site, 'a secret value', true));
    }
    if (onValue && !test && isResponse(site, tree) && method === 'addCookie' && first && kindOf(first.value) === 'cookie:insecure:sensitive') {
      hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'a cookie', true));
    }
    const setCookie = (a: SiteArg | undefined) => a !== undefined && (/^set-cookie$/i.test(String(a.value.constant ?? '')) || /(?:^|\.)SET_COOKIE$/.test(pathOf(a.expr) ?? ''));
    if (onValue && !test && /^(?:setHeader|addHeader|header|add|set)$/.test(method) && setCookie(first) && second && (isResponse(site, tree) || kind.startsWith('response-entity') || type === 'HttpHeaders')) {
      if (kindOf(second.value) === 'cookie:insecure:sensitive' || (!kindOf(second.value).startsWith('cookie:') && insecureCookieHeader(second.expr))) {
        hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'a cookie', true));
      }
    }
    return hits;
  },

  returnSinks(fn, value, expr, node): SinkHit[] {
    if (!isHandler(fn)) return [];
    const out: SinkHit[] = [];
    const body = returnsBody(fn);
    const declared = returnType(fn) ?? '';
    // `@Controller` methods return a view name; `redirect:` + input sends the user anywhere.
    if (!body && /^String$/.test(declared) && startsWithRedirect(expr) && !pinned('CWE-601', value)) out.push({ cwe: 'CWE-601', rule: 'open-redirect', value, unknownOrigin: 'never', node, what: 'a redirect target' });
    if (body && /^(?:String|ResponseEntity<String>|CharSequence)$/.test(declared)) {
      const declaredProduces = produces(fn);
      const html = !(declaredProduces && notHtml(declaredProduces)) && !kindOf(value).endsWith(':nohtml');
      if (html && !(value.opaque && !value.built) && !value.fields) out.push({ cwe: 'CWE-79', rule: 'xss', value, unknownOrigin: 'never', node, what: 'an HTML response' });
    }
    return out;
  },

  exits(site: CallSite): boolean {
    return /^(?:System\.exit|Runtime\.getRuntime\(\)\.(?:exit|halt))$/.test(shortPath(site));
  },

  guardCall(site: CallSite): Expr[] {
    const path = shortPath(site);
    const method = site.method ?? '';
    const receiver = site.receiver;
    const first = arg(site, 0);
    const second = arg(site, 1);
    // `ALLOWED.contains(x)`: membership in a constant collection.
    if (/^(?:contains|containsKey|containsValue)$/.test(method) && first && receiver && flatten(receiver).level === Level.Clean) return [first.expr];
    // `"admin".equals(x)`, `x.equalsIgnoreCase("y")`: only a plain variable is validated (not `c.getName()`).
    if (/^(?:equals|equalsIgnoreCase|contentEquals)$/.test(method) && first && site.receiverExpr) {
      const subject = isConstant(receiver) ? first.expr : isConstant(first.value) ? site.receiverExpr : undefined;
      const plain = subject && plainName(subject);
      return plain ? [plain] : [];
    }
    if (/^(?:Objects\.equals|StringUtils\.equals\w*)$/.test(path) && first && second) {
      const subject = isConstant(first.value) ? second.expr : isConstant(second.value) ? first.expr : undefined;
      const plain = subject && plainName(subject);
      return plain ? [plain] : [];
    }
    // Regular expressions: `x.matches("[a-z]+")`, `PATTERN.matcher(x).matches()`, `Pattern.matches(re, x)`.
    if (method === 'matches' && site.receiverExpr) {
      const r = site.receiverExpr;
      if (r.k === 'call' && r.callee.k === 'attr' && r.callee.name === 'matcher' && r.args[0]) return [r.args[0].value];
      if (path === 'Pattern.matches' && second) return [second.expr];
      if (first) return [r];
    }
    // A normalised path that stays under its base: the path and what it was made from.
    if (method === 'startsWith' && site.receiverExpr && kindOf(receiver).startsWith('path:normalized')) {
      const from = kindOf(receiver).split(':')[2];
      return from ? [site.receiverExpr, { k: 'name', name: from, node: site.expr.node }] : [site.receiverExpr];
    }
    if (/^(?:StringUtils\.is(?:Numeric|Alphanumeric|Alpha|AlphaSpace|AsciiPrintable)|NumberUtils\.is(?:Digits|Parsable|Creatable|Number)|InetAddresses\.isInetAddress)$/.test(path) && first) return [first.expr];
    if (/^(?:is(?:Valid|Safe|Allowed|Trusted|Whitelisted|Permitted|Allowlisted)\w*|validate\w*)$/.test(method) && first) return [first.expr];
    return [];
  },

  mutators: new Set(['add', 'addAll', 'put', 'putAll', 'putIfAbsent', 'append', 'insert', 'offer', 'push', 'addFirst', 'addLast', 'set', 'addElement']),
};

/** `String`, `Paths`, `org.x.Foo`: a class, not a value (`SORTABLE`, a constant, is a value). */
function isClassRef(e: Expr): boolean {
  if (e.k !== 'name' && e.k !== 'attr') return false;
  const path = pathOf(e) ?? '';
  return /^(?:[a-z_$][\w$]*\.)*[A-Z][\w$]*[a-z][\w$]*$/.test(path);
}

/** Input placed after a fixed scheme and host: safe for redirects and outgoing requests (not for what else it reaches). */
function hostFixed(value: Value): Value {
  return value.level === Level.Clean ? CLEAN : { ...value, safeFor: new Set<Cwe>([...(value.safeFor ?? []), 'CWE-601', 'CWE-918']) };
}

const HOST_PINNED = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@]+[/?#]/i;

/**
 * True when a URL built from a constant start cannot leave its host (SSRF) or the site (a
 * redirect to `/orders/` + id stays on it): the input only chooses a path or a query.
 */
function pinned(cwe: Cwe, value: Value): boolean {
  if (value.prefix === undefined || (cwe !== 'CWE-601' && cwe !== 'CWE-918')) return false;
  if (cwe === 'CWE-918') return HOST_PINNED.test(value.prefix);
  const prefix = value.prefix.replace(/^redirect:/, '');
  return /^\/(?![/\\])/.test(prefix) || /^[?#]/.test(prefix) || /^[^:/?#\\]+[/?#]/.test(prefix) || HOST_PINNED.test(prefix);
}

/** `"ABC".charAt(1)`, `"x".toUpperCase()`: string methods on constants, computed. */
function foldString(site: CallSite): string | number | boolean | undefined {
  const text = site.receiver?.level === Level.Clean ? site.receiver.constant : undefined;
  if (typeof text !== 'string' || !site.receiverExpr) return undefined;
  const args = site.args.map((a) => (a.value.level === Level.Clean ? a.value.constant : undefined));
  if (args.some((a) => a === undefined || a === null)) return undefined;
  const [a, b] = args as (string | number | boolean)[];
  switch (site.method) {
    case 'charAt':
      return typeof a === 'number' && a >= 0 && a < text.length ? text.charAt(a) : undefined;
    case 'substring':
      return typeof a === 'number' && (b === undefined || typeof b === 'number') ? text.substring(a, b) : undefined;
    case 'toLowerCase':
      return args.length === 0 ? text.toLowerCase() : undefined;
    case 'toUpperCase':
      return args.length === 0 ? text.toUpperCase() : undefined;
    case 'trim':
    case 'strip':
      return text.trim();
    case 'length':
      return text.length;
    case 'isEmpty':
      return text.length === 0;
    case 'concat':
      return typeof a === 'string' ? text + a : undefined;
    case 'replace':
      return typeof a === 'string' && typeof b === 'string' ? text.split(a).join(b) : undefined;
    case 'equals':
      return typeof a === 'string' ? text === a : undefined;
    case 'startsWith':
      return typeof a === 'string' ? text.startsWith(a) : undefined;
    case 'endsWith':
      return typeof a === 'string' ? text.endsWith(a) : undefined;
    case 'contains':
      return typeof a === 'string' ? text.includes(a) : undefined;
    default:
      return undefined;
  }
}

const TEXT_TYPES = /^(?:String|CharSequence|StringBuilder|StringBuffer|char\[\]|String\[\])$/;

/**
 * True when an argument is text: a string built here, a string method's result, or a variable
 * declared `String` (an unknown call's result is only text when the code says so).
 */
function isText(a: SiteArg, site: CallSite, tree: SyntaxTree): boolean {
  if (!a.value.opaque || a.value.built) return true;
  let e = a.expr;
  while (e.k === 'call' && e.callee.k === 'attr' && /^(?:toCharArray|toString|getBytes|trim|strip)$/.test(e.callee.name)) e = e.callee.object;
  return e.k === 'name' && TEXT_TYPES.test(simpleType(declaredType(tree, site.fn, e.name)));
}

function isConstant(value: Value | undefined): boolean {
  return value !== undefined && value.level === Level.Clean && value.constant !== undefined;
}

/** The variable an equality test is about, through case and whitespace normalisation (`x.trim().toLowerCase()` → `x`). */
function plainName(e: Expr): Expr | undefined {
  let current = e;
  while (current.k === 'call' && current.callee.k === 'attr' && current.args.length === 0 && /^(?:trim|strip|toLowerCase|toUpperCase)$/.test(current.callee.name)) current = current.callee.object;
  return current.k === 'name' ? current : undefined;
}

/** `"redirect:" + x`: a Spring view name that redirects. */
function startsWithRedirect(e: Expr): boolean {
  let left = e;
  while (left.k === 'binary' && left.op === '+') left = left.left;
  return left.k === 'lit' && typeof left.value === 'string' && /^redirect:/.test(left.value);
}
