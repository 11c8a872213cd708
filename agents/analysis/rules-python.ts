/**
 * What Python code contributes to the taint analysis: request data of Flask, Django, FastAPI
 * (and Starlette) handlers as sources, the standard library's and common packages' sinks, and
 * the sanitisers and guards that make input safe.
 */
import type { SyntaxTree } from '../syntax/tree';
import { pathOf, type Expr, type FunctionIR, type ModuleIR } from './ir';
import { CLEAN, Level, type CallSite, type Cwe, type LanguageRules, type SinkHit, type Value } from './taint';
import { SECRET_CONTEXT, PASSWORD_CONTEXT, sink, truthyConstant } from './rule-kit';

/** Decorators that make a function a request handler (`@app.route`, `@router.get`, `@bp.post`). */
const ROUTE_DECORATOR = /(?:^|\.)(?:route|get|post|put|patch|delete|head|options|api_route|websocket|view)$/;
/** Attributes of the request object that are not attacker-controlled data. */
const TRUSTED_REQUEST_ATTRS = new Set(['method', 'endpoint', 'url_rule', 'blueprint', 'is_json', 'is_secure', 'user', 'session', 'auth', 'resolver_match', 'content_length', 'scheme', 'app', 'state']);
/** FastAPI parameters that the framework fills from outside the request's data. */
const INJECTED_TYPES = /\b(?:Session|AsyncSession|BackgroundTasks|Response|HTTPConnection|SecurityScopes)\b/;

function isRoute(fn: FunctionIR): boolean {
  return fn.decorators.some((d) => {
    const path = pathOf(d.k === 'call' ? d.callee : d);
    return path !== undefined && ROUTE_DECORATOR.test(path) && !/^(?:property|functools|staticmethod|classmethod)/.test(path);
  });
}

/** A Django-style view or a handler that receives the request object as a parameter. */
function requestParam(fn: FunctionIR): string | undefined {
  const p = fn.params.find((param, i) => (param.name === 'request' || param.name === 'req') && i <= 1) ?? fn.params.find((param) => /\bRequest\b/.test(param.type ?? ''));
  return p?.name;
}

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|pwsh)$/;

/** Whole-value sanitisers: their result is clean for every class. */
const CLEANERS = new Set(['int', 'float', 'bool', 'len', 'abs', 'round', 'uuid.UUID', 'hash', 'id', 'isinstance', 'ord', 'datetime.date.fromisoformat', 'datetime.datetime.fromisoformat', 'flask.url_for', 'url_for', 'django.urls.reverse', 'reverse', 'ipaddress.ip_address', 'secrets.token_hex', 'secrets.token_urlsafe', 'secrets.token_bytes']);
/** Sanitisers for some classes only. */
const SANITISERS: [RegExp, Cwe[]][] = [
  [/^(?:shlex|pipes)\.quote$/, ['CWE-78']],
  [/^(?:html\.escape|markupsafe\.escape|flask\.escape|cgi\.escape|django\.utils\.html\.escape|bleach\.clean|xml\.sax\.saxutils\.escape|markupsafe\.Markup\.escape|escape)$/, ['CWE-79', 'CWE-643']],
  [/^(?:os\.path\.basename|werkzeug\.utils\.secure_filename|secure_filename|werkzeug\.security\.safe_join|flask\.safe_join|safe_join|pathlib\.PurePath\.name)$/, ['CWE-22']],
  [/^(?:urllib\.parse\.quote|urllib\.parse\.quote_plus|quote|quote_plus)$/, ['CWE-79', 'CWE-22', 'CWE-78']],
  [/(?:^|\.)escape_filter_chars$|^ldap\.filter\.filter_format$|(?:^|\.)escape_dn_chars$/, ['CWE-90']],
  [/^(?:flask\.jsonify|jsonify|json\.dumps)$/, ['CWE-79']],
];

const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw', 'mogrify']);
const SUBPROCESS = /^(?:subprocess\.(?:run|call|check_call|check_output|Popen)|asyncio\.create_subprocess_exec)$/;
const HTTP_CLIENT = /^(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options)$/;
const FILE_CALLS = /^(?:open|io\.open|codecs\.open|os\.open|os\.remove|os\.unlink|os\.rmdir|os\.removedirs|os\.listdir|os\.scandir|os\.makedirs|os\.mkdir|os\.rename|os\.replace|os\.chmod|shutil\.rmtree|shutil\.copy|shutil\.copyfile|shutil\.copy2|shutil\.move|shutil\.copytree|flask\.send_file|send_file|tarfile\.open|zipfile\.ZipFile|django\.http\.FileResponse|fastapi\.responses\.FileResponse|starlette\.responses\.FileResponse|FileResponse|aiofiles\.open)$/;
const PATH_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'unlink', 'rmdir', 'touch', 'mkdir', 'iterdir', 'rename']);
const REDIRECTS = /^(?:flask\.redirect|redirect|django\.shortcuts\.redirect|django\.http\.HttpResponseRedirect|django\.http\.HttpResponsePermanentRedirect|HttpResponseRedirect|HttpResponsePermanentRedirect|(?:fastapi|starlette)\.responses\.RedirectResponse|RedirectResponse)$/;
const HTML_RESPONSES = /^(?:flask\.make_response|make_response|flask\.Response|Response|django\.http\.HttpResponse|HttpResponse|(?:fastapi|starlette)\.responses\.HTMLResponse|HTMLResponse|markupsafe\.Markup|Markup|flask\.Markup|django\.utils\.safestring\.mark_safe|mark_safe)$/;
const PICKLE = /^(?:pickle|cPickle|_pickle|dill|marshal|jsonpickle|shelve)\.(?:loads|load|decode|open|Unpickler)$|^pandas\.read_pickle$/;
const YAML_UNSAFE_LOADERS = /(?:^|\.)(?:Loader|UnsafeLoader|FullLoader)$/;
const WEAK_HASHES = /^(?:hashlib\.(?:md5|sha1)|Crypto\.Hash\.(?:MD5|SHA1|SHA)\.new|cryptography\.hazmat\.primitives\.hashes\.(?:MD5|SHA1))$/;
const WEAK_RANDOM = /^random\.(?:random|randint|randrange|choice|choices|sample|getrandbits|uniform|shuffle|randbytes)$|^random\.Random\(\)\.\w+$|^numpy\.random\.\w+$/;

function pathText(site: CallSite): string {
  return site.path ?? '';
}

function arg(site: CallSite, index: number, name?: string): CallSite['args'][number] | undefined {
  if (name !== undefined) {
    const byName = site.args.find((a) => a.name === name);
    if (byName) return byName;
  }
  return site.args.filter((a) => a.name === undefined && !a.spread)[index];
}

function kwarg(site: CallSite, name: string): CallSite['args'][number] | undefined {
  return site.args.find((a) => a.name === name);
}

export const pythonRules: LanguageRules = {
  param(fn: FunctionIR, index: number): Value | undefined {
    const p = fn.params[index];
    if (!p) return undefined;
    if (p.name === 'self' || p.name === 'cls') return CLEAN;
    if (isRoute(fn)) {
      if (p.defaultValue?.k === 'call' && /(?:^|\.)(?:Depends|Security)$/.test(pathOf(p.defaultValue.callee) ?? '')) return undefined;
      if (p.type && INJECTED_TYPES.test(p.type)) return undefined;
      return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'a request parameter' } };
    }
    if (p.name === requestParam(fn)) return { level: Level.Tainted, origin: { code: p.name, line: 0, what: 'the request' } };
    return undefined;
  },

  sourceAttr(path: string, fn: FunctionIR | undefined): string | null | undefined {
    const parts = path.split('.');
    const flask = path.startsWith('flask.request');
    const viaParam = fn && requestParam(fn) === parts[0];
    if (!flask && !viaParam) return undefined;
    const attr = flask ? parts[2] : parts[1];
    if (attr === undefined) return flask ? 'the request' : undefined;
    if (TRUSTED_REQUEST_ATTRS.has(attr)) return null;
    return `request.${attr}`;
  },

  call(site: CallSite): Value | undefined {
    const path = pathText(site);
    if (CLEANERS.has(path)) return CLEAN;
    if (site.method && /^(?:is\w+|startswith|endswith|count|find|index|__len__)$/.test(site.method) && site.receiver) return CLEAN;
    for (const [pattern, classes] of SANITISERS) {
      if (pattern.test(path)) {
        let out: Value = CLEAN;
        for (const a of site.args) out = a.value.level > out.level ? a.value : out;
        return out.level === Level.Clean ? CLEAN : { ...out, safeFor: new Set([...(out.safeFor ?? []), ...classes]), built: false, fields: undefined };
      }
    }
    if (path === 'lxml.etree.XMLParser' || path === 'etree.XMLParser') {
      const unsafe = truthyConstant(kwarg(site, 'resolve_entities')?.value) || kwarg(site, 'no_network')?.value.constant === false || truthyConstant(kwarg(site, 'load_dtd')?.value);
      return { level: Level.Clean, kind: unsafe ? 'xml-parser:unsafe' : 'xml-parser' };
    }
    if (path === 'xml.sax.make_parser') return { level: Level.Clean, kind: 'xml-parser' };
    if (path === 'pathlib.Path' || path === 'Path') {
      let out: Value = CLEAN;
      for (const a of site.args) out = a.value.level >= out.level ? { ...a.value } : out;
      return { ...out, kind: 'path', constant: undefined };
    }
    return undefined;
  },

  sinks(site: CallSite, tree: SyntaxTree): SinkHit[] {
    const path = pathText(site);
    const hits: SinkHit[] = [];
    const add = (cwe: Cwe, rule: string, value: Value | undefined, unknownOrigin: SinkHit['unknownOrigin'], what: string) => {
      if (value) hits.push(sink(cwe, rule, value, unknownOrigin, site, what));
    };
    const method = site.method ?? '';
    const first = arg(site, 0);
    // SQL
    if ((site.receiverExpr && SQL_METHODS.has(method) && !/^(?:subprocess|os)\./.test(path)) || /^(?:sqlalchemy\.text|text|pandas\.read_sql(?:_query)?|django\.db\.models\.expressions\.RawSQL|RawSQL)$/.test(path)) {
      add('CWE-89', 'sql-injection', (arg(site, 0, 'sql') ?? arg(site, 0, 'query') ?? first)?.value, 'built', 'an SQL query');
    }
    if (method === 'extra' && site.receiverExpr) add('CWE-89', 'sql-injection', kwarg(site, 'where')?.value, 'built', 'an SQL query');
    // Commands
    if (/^(?:os\.system|os\.popen|subprocess\.getoutput|subprocess\.getstatusoutput|commands\.getoutput|asyncio\.create_subprocess_shell)$/.test(path)) {
      add('CWE-78', 'command-injection', first?.value, 'any', 'a shell command');
    } else if (SUBPROCESS.test(path) && first) {
      if (truthyConstant(kwarg(site, 'shell')?.value)) add('CWE-78', 'command-injection', first.value, 'any', 'a shell command');
      else if (first.expr.k === 'seq' && first.expr.items.length >= 3) {
        const program = first.value.fields?.get('0')?.constant;
        const flag = first.value.fields?.get('1')?.constant;
        if (typeof program === 'string' && SHELLS.test(program) && (flag === '-c' || flag === '/c')) add('CWE-78', 'command-injection', first.value.fields?.get('2'), 'any', 'a shell command');
      }
    }
    // Code
    if (/^(?:eval|exec|compile|builtins\.eval|builtins\.exec)$/.test(path)) add('CWE-94', 'code-injection', first?.value, 'any', 'code that is evaluated');
    if (/^(?:flask\.render_template_string|render_template_string|jinja2\.Template|Template|jinja2\.Environment\(\)\.from_string)$/.test(path) || (method === 'from_string' && site.receiverExpr)) {
      add('CWE-94', 'template-injection', (arg(site, 0, 'source') ?? first)?.value, 'never', 'a template that is rendered');
    }
    // Deserialisation
    if (PICKLE.test(path)) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'a deserialiser that can run code');
    if (path === 'yaml.load' || path === 'yaml.load_all') {
      const loader = kwarg(site, 'Loader') ?? arg(site, 1);
      const loaderPath = loader ? pathOf(loader.expr) : undefined;
      if (!loader || (loaderPath && YAML_UNSAFE_LOADERS.test(loaderPath) && !/Safe|Base/.test(loaderPath))) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'yaml.load without a safe loader');
    }
    if (/^yaml\.(?:unsafe_load|unsafe_load_all|full_load)$/.test(path)) add('CWE-502', 'unsafe-deserialization', first?.value, 'any', 'a YAML loader that builds arbitrary objects');
    // Paths
    if (FILE_CALLS.test(path)) add('CWE-22', 'path-traversal', (arg(site, 0, 'file') ?? first)?.value, 'never', 'a file path');
    if (site.receiver?.kind === 'path' && PATH_METHODS.has(method)) add('CWE-22', 'path-traversal', site.receiver, 'never', 'a file path');
    // SSRF
    if (HTTP_CLIENT.test(path) || /^(?:urllib\.request\.urlopen|urlopen|urllib\.request\.Request|urllib3\.request|http\.client\.HTTPConnection|http\.client\.HTTPSConnection|aiohttp\.request)$/.test(path)) {
      add('CWE-918', 'ssrf', (arg(site, 0, 'url') ?? first)?.value, 'never', 'the URL of an outgoing request');
    }
    if (/^(?:requests|httpx)\.request$/.test(path) || (site.receiverExpr && method === 'request' && site.args.length >= 2 && /urllib3|PoolManager|http/i.test(tree.textOf(site.receiverExpr.node)))) {
      add('CWE-918', 'ssrf', (arg(site, 1, 'url'))?.value, 'never', 'the URL of an outgoing request');
    }
    if (site.receiverExpr && /^(?:get|post|put|delete|patch|head)$/.test(method) && /(?:session|client)$/i.test(tree.textOf(site.receiverExpr.node)) && first) {
      add('CWE-918', 'ssrf', first.value, 'never', 'the URL of an outgoing request');
    }
    // Redirects
    if (REDIRECTS.test(path)) add('CWE-601', 'open-redirect', (arg(site, 0, 'url') ?? arg(site, 0, 'redirect_to') ?? arg(site, 0, 'to') ?? first)?.value, 'never', 'a redirect target');
    // XSS
    if (HTML_RESPONSES.test(path)) add('CWE-79', 'xss', (arg(site, 0, 'content') ?? arg(site, 0, 'response') ?? first)?.value, 'never', 'an HTML response');
    // XXE
    if (/^(?:lxml\.etree|etree)\.(?:fromstring|parse|XML|iterparse)$/.test(path) || /^xml\.(?:sax|dom\.pulldom)\.(?:parseString|parse)$/.test(path)) {
      const parser = kwarg(site, 'parser') ?? arg(site, 1);
      if (parser?.value.kind === 'xml-parser:unsafe') add('CWE-611', 'xxe', first?.value, 'any', 'an XML parser that resolves external entities');
    }
    if (site.receiver?.kind === 'xml-parser:unsafe' && /^(?:parse|feed|parseString)$/.test(method)) add('CWE-611', 'xxe', first?.value, 'any', 'an XML parser that resolves external entities');
    // XPath
    if ((site.receiverExpr && method === 'xpath') || /^(?:lxml\.etree\.XPath|etree\.XPath|lxml\.etree\.ETXPath)$/.test(path)) add('CWE-643', 'xpath-injection', first?.value, 'built', 'an XPath query');
    if (site.receiverExpr && /^(?:find|findall|iterfind|findtext)$/.test(method) && first && first.value.built) add('CWE-643', 'xpath-injection', first.value, 'never', 'an XPath query');
    // LDAP
    if (site.receiverExpr && /^(?:search_s|search_st|search_ext|search_ext_s|search)$/.test(method)) {
      const filter = kwarg(site, 'filterstr') ?? kwarg(site, 'search_filter') ?? (method === 'search' && site.args.length === 2 ? arg(site, 1) : arg(site, 2) ?? arg(site, 1));
      if (filter && (filter.value.built || filter.value.level === Level.Tainted)) add('CWE-90', 'ldap-injection', filter.value, 'built', 'an LDAP search filter');
    }
    // Session (trust boundary)
    if (site.receiverExpr && /^(?:update|setdefault|__setitem__)$/.test(method) && /^(?:flask\.session|session|\w+\.session)$/.test(resolvedReceiver(site) ?? '')) {
      for (const a of site.args) add('CWE-501', 'trust-boundary', a.value, 'never', 'the server-side session');
    }
    // Weak hashes, weak randomness, cookies: what the code does, whatever the data.
    const line = tree.textOf(site.expr.node) + ' ' + lineText(tree, site);
    // What the code says around the call, and where the hashed value was read
    // (`pw = request.form["password"]` makes `md5(pw)` a password hash).
    const context = `${line} ${site.fn?.name ?? ''} ${first?.value.origin?.code ?? ''}`;
    if (WEAK_HASHES.test(path) || (path === 'hashlib.new' && /^(?:md5|sha1|md4)$/i.test(String(first?.value.constant ?? '')))) {
      if (!(kwarg(site, 'usedforsecurity')?.value.constant === false)) {
        hits.push(sink(PASSWORD_CONTEXT.test(context) ? 'CWE-328' : 'CWE-327', 'weak-hash', { level: Level.Tainted }, 'never', site, 'a weak hash', true));
      }
    }
    if (WEAK_RANDOM.test(path) && SECRET_CONTEXT.test(context)) hits.push(sink('CWE-330', 'weak-random', { level: Level.Tainted }, 'never', site, 'a secret value', true));
    if (site.receiverExpr && method === 'set_cookie') {
      const secure = kwarg(site, 'secure');
      if (!secure || secure.value.constant === false || secure.value.constant === null) hits.push(sink('CWE-614', 'insecure-cookie', { level: Level.Tainted }, 'never', site, 'a cookie', true));
    }
    return hits;
  },

  assignmentSinks(target, value, targetPath, node): SinkHit[] {
    if (target.k === 'index' || target.k === 'attr') {
      const object = pathOf(target.object);
      if (object && (targetPath?.startsWith('flask.session') || /^(?:session|\w+\.session)$/.test(object) || object === 'flask.session')) {
        return [{ cwe: 'CWE-501', rule: 'trust-boundary', value, unknownOrigin: 'never', node, what: 'the server-side session' }];
      }
    }
    return [];
  },

  returnSinks(fn, value, expr, node): SinkHit[] {
    // Flask sends a returned string as text/html; dicts and lists become JSON. FastAPI encodes
    // returns as JSON unless an HTMLResponse is built (a sink of its own).
    if (!isRoute(fn) || value.fields || isFastApi(fn) || (value.opaque && !value.built)) return [];
    if (expr.k === 'seq' || expr.k === 'map') return [];
    return [{ cwe: 'CWE-79', rule: 'xss', value, unknownOrigin: 'never', node, what: 'an HTML response' }];
  },

  exits(site: CallSite): boolean {
    return /^(?:flask\.abort|abort|sys\.exit|exit|quit|os\._exit|werkzeug\.exceptions\.abort)$/.test(site.path ?? '');
  },

  guardCall(site: CallSite): Expr[] {
    const path = site.path ?? '';
    const method = site.method ?? '';
    const first = arg(site, 0);
    if (site.receiverExpr && /^(?:isdigit|isnumeric|isdecimal|isalnum|isalpha|isidentifier|startswith|is_relative_to)$/.test(method)) return [site.receiverExpr];
    if (/^(?:re\.fullmatch|re\.match)$/.test(path)) return site.args[1] ? [site.args[1].expr] : [];
    if (site.receiverExpr && /^(?:fullmatch|match)$/.test(method) && first) return [first.expr];
    if (/(?:^|\.)(?:url_has_allowed_host_and_scheme|is_safe_url|isinstance|is_valid_\w+|validate_\w+)$/.test(path) && first) return [first.expr];
    if (site.receiverExpr && /^(?:__contains__|issuperset)$/.test(method) && first) return [first.expr];
    return [];
  },

  mutators: new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'put', '__setitem__', 'write', 'appendleft']),
};

function isFastApi(fn: FunctionIR): boolean {
  return fn.decorators.some((d) => {
    const path = pathOf(d.k === 'call' ? d.callee : d) ?? '';
    return /^(?:router|api_router|app)\.(?:get|post|put|patch|delete|api_route)$/.test(path) && !/\.route$/.test(path) && fn.params.some((p) => p.type !== undefined);
  });
}

function resolvedReceiver(site: CallSite): string | undefined {
  if (!site.path) return undefined;
  const dot = site.path.lastIndexOf('.');
  return dot === -1 ? undefined : site.path.slice(0, dot);
}

function lineText(tree: SyntaxTree, site: CallSite): string {
  const line = tree.line(site.expr.node);
  const start = tree.text.lastIndexOf('\n', site.expr.node.start) + 1;
  const end = tree.text.indexOf('\n', site.expr.node.start);
  void line;
  return tree.text.slice(start, end === -1 ? undefined : end);
}

export type { ModuleIR };
