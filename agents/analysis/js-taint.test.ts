import type { Finding } from '../protocol';
import { scanSecurity } from '../security-rules';
import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function scan(code: string, path = 'src/routes.js'): Finding[] {
  return scanSecurity(new SourceFile(path, code)).filter((f) => f.cwe !== 'CWE-798');
}

/** `line:cwe:severity[:from source line]` of each finding: what a reviewer reads first. */
function summary(code: string, path?: string): string[] {
  return scan(code, path).map((f) => `${f.line}:${f.cwe}:${f.severity}${f.source ? `:from ${f.source.line}` : ''}`);
}

/** An Express handler around `body` (lines start at 8). */
function express(body: string, head = ''): string {
  return `const express = require('express');
const { exec, execFile } = require('child_process');
const db = require('./db');
${head}
const router = express.Router();

router.get('/x', async (req, res) => {
${body
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
});
`;
}

describe('JavaScript taint tracking: a finding and its fields', () => {
  it('follows a query parameter through assignments and string building into a shell', () => {
    const code = express("const host = req.query.host;\nconst target = host.trim();\nconst cmd = 'ping -c 3 ' + target;\nexec(cmd);");
    const [finding] = scan(code);
    expect(finding).toMatchObject({
      rule_id: 'command-injection',
      cwe: 'CWE-78',
      severity: 'critical',
      line: 11,
      source: { line: 8, code: 'req.query.host' },
      sink: { line: 11, code: 'exec(cmd)' },
    });
    expect(finding?.description).toContain('req.query.host');
    // No shell: the host is one argument.
    expect(summary(express("const host = req.query.host;\nexecFile('ping', ['-c', '3', String(host)]);"))).toEqual([]);
  });

  it('rates a parameter of an ordinary function medium and a constant not at all', () => {
    expect(summary("const { exec } = require('child_process');\nfunction run(cmd) {\n  exec(cmd);\n}\n")).toEqual(['3:CWE-78:medium']);
    expect(summary("const { exec } = require('child_process');\nconst CMD = 'uptime';\nfunction run() {\n  exec(CMD);\n}\n")).toEqual([]);
  });
});

describe('JavaScript taint tracking: what stops input', () => {
  it('a sanitiser for the class', () => {
    expect(summary(express("const q = req.query.q || '';\nres.send('<h1>' + q + '</h1>');"))).toEqual(['9:CWE-79:high:from 8']);
    expect(summary(express("const q = req.query.q || '';\nres.send('<h1>' + escapeHtml(q) + '</h1>');", "const escapeHtml = require('escape-html');"))).toEqual([]);
    // An HTML escaper does not make a value safe in SQL.
    expect(summary(express("const q = escapeHtml(req.query.q);\ndb.query(\"SELECT * FROM t WHERE name = '\" + q + \"'\");", "const escapeHtml = require('escape-html');"))).toEqual(['9:CWE-89:high:from 8']);
  });

  it('an allow-list guard with an early return', () => {
    const head = "const SORTABLE = ['name', 'price'];";
    expect(summary(express("const sort = req.query.sort;\nif (!SORTABLE.includes(sort)) {\n  return res.status(400).end();\n}\ndb.query('SELECT * FROM p ORDER BY ' + sort);", head))).toEqual([]);
    expect(summary(express("const sort = req.query.sort;\nif (!SORTABLE.includes(sort)) {\n  console.log('unknown sort');\n}\ndb.query('SELECT * FROM p ORDER BY ' + sort);", head))).toEqual(['12:CWE-89:high:from 8']);
    // The same check as a conditional expression.
    expect(summary(express("const sort = SORTABLE.includes(req.query.sort) ? req.query.sort : 'name';\ndb.query('SELECT * FROM p ORDER BY ' + sort);", head))).toEqual([]);
  });

  it('a constant-false branch', () => {
    expect(summary(express("let mount = '/var/lib/app';\nif (7 * 3 > 100) {\n  mount = req.query.mount;\n}\nexec('df -h ' + mount);"))).toEqual([]);
    expect(summary(express("let mount = '/var/lib/app';\nif (req.query.custom) {\n  mount = req.query.mount;\n}\nexec('df -h ' + mount);"))).toEqual(['12:CWE-78:critical:from 10']);
  });

  it('a constant taken from a map instead of the input', () => {
    expect(summary(express("const opts = { requested: req.query.dir, fallback: '/tmp' };\nconst dir = opts.fallback;\nexec('ls ' + dir);"))).toEqual([]);
    expect(summary(express("const opts = { requested: req.query.dir, fallback: '/tmp' };\nconst dir = opts.requested;\nexec('ls ' + dir);"))).toEqual(['10:CWE-78:critical:from 8']);
    const presets = "const PRESETS = new Map([['small', 'convert -resize 320x in.png out.png']]);";
    expect(summary(express('const command = PRESETS.get(req.query.preset);\nif (!command) return res.status(400).end();\nexec(command);', presets))).toEqual([]);
  });

  it('numeric conversion and an anchored pattern', () => {
    expect(summary(express('const id = parseInt(req.params.id, 10);\ndb.query(`SELECT * FROM t WHERE id = ${id}`);'))).toEqual([]);
    expect(summary(express("const id = req.params.id;\nif (!/^[0-9]+$/.test(id)) return res.sendStatus(400);\ndb.query(`SELECT * FROM t WHERE id = ${id}`);"))).toEqual([]);
    // Unanchored, the pattern lets anything around the digits through.
    expect(summary(express("const id = req.params.id;\nif (!/[0-9]+/.test(id)) return res.sendStatus(400);\ndb.query(`SELECT * FROM t WHERE id = ${id}`);"))).toEqual(['10:CWE-89:high:from 8']);
  });

  it('follows input into callbacks and closures', () => {
    expect(summary(express("const name = req.query.name;\nawait new Promise((resolve) => {\n  db.get(\"SELECT * FROM t WHERE name = '\" + name + \"'\", resolve);\n});"))).toEqual(['10:CWE-89:high:from 8']);
    expect(summary(express("const names = req.body.names;\nnames.forEach((n) => exec('touch ' + n));"))).toEqual(['9:CWE-78:critical:from 8']);
  });
});

describe('JavaScript taint tracking: one case per class', () => {
  it('SQL: string building is reported, placeholders and tagged templates are not', () => {
    expect(summary(express("db.query(\"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\");"))).toEqual(['8:CWE-89:high:from 8']);
    expect(summary(express("db.query('SELECT * FROM users WHERE name = ?', [req.query.name]);"))).toEqual([]);
    expect(summary(express('await prisma.$queryRaw`SELECT * FROM users WHERE name = ${req.query.name}`;'))).toEqual([]);
    expect(summary(express('await prisma.$queryRawUnsafe(`SELECT * FROM users WHERE name = ${req.query.name}`);'))).toEqual(['8:CWE-89:high:from 8']);
  });

  it('OS commands: a shell through sh -c and shell: true', () => {
    expect(summary(express("spawn('sh', ['-c', 'grep ' + req.query.q + ' /var/log/app.log']);", "const { spawn } = require('child_process');"))).toEqual(['8:CWE-78:critical:from 8']);
    expect(summary(express("spawn(req.query.tool, { shell: true });", "const { spawn } = require('child_process');"))).toEqual(['8:CWE-78:critical:from 8']);
    expect(summary(express("spawn('grep', [req.query.q, '/var/log/app.log']);", "const { spawn } = require('child_process');"))).toEqual([]);
  });

  it('code: eval, Function and vm', () => {
    expect(summary(express("res.json({ v: eval(req.body.expr) });\nconst f = new Function('x', 'return ' + req.body.expr);"))).toEqual(['8:CWE-94:critical:from 8', '9:CWE-94:critical:from 9']);
    expect(summary(express("vm.runInNewContext(req.body.code, {});", "const vm = require('vm');"))).toEqual(['8:CWE-94:critical:from 8']);
    expect(summary(express("res.json({ v: JSON.parse(req.body.expr) });"))).toEqual([]);
  });

  it('deserialisation: node-serialize and eval used to read objects', () => {
    const head = "const serialize = require('node-serialize');";
    expect(summary(express('const prefs = serialize.unserialize(req.cookies.prefs);\nres.json(prefs);', head))).toEqual(['8:CWE-502:critical:from 8']);
    expect(summary(express("const state = eval('(' + req.body.state + ')');\nres.json(state);"))).toEqual(['8:CWE-94:critical:from 8', '8:CWE-502:critical:from 8']);
    expect(summary(express('const prefs = JSON.parse(req.cookies.prefs);\nres.json(prefs);', head))).toEqual([]);
  });

  it('paths: a joined name is reported, its base name or a checked resolved path is not', () => {
    const head = "const path = require('path');\nconst fs = require('fs');\nconst ROOT = '/srv/files';";
    expect(summary(express("res.sendFile(path.join(ROOT, req.query.file));", head))).toEqual(['10:CWE-22:high:from 10']);
    expect(summary(express("res.sendFile(path.join(ROOT, path.basename(req.query.file)));", head))).toEqual([]);
    expect(summary(express("const full = path.resolve(ROOT, req.query.file);\nif (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\nfs.createReadStream(full).pipe(res);", head))).toEqual([]);
    expect(summary(express("res.sendFile(req.query.file, { root: ROOT });", head))).toEqual([]);
  });

  it('SSRF: a URL from the request, not one whose host is written in the code', () => {
    const head = "const axios = require('axios');";
    expect(summary(express('const { data } = await axios.get(req.query.url);\nres.json(data);', head))).toEqual(['8:CWE-918:high:from 8']);
    expect(summary(express('const { data } = await axios.get(`https://api.example.com/items/${encodeURIComponent(req.query.id)}`);\nres.json(data);', head))).toEqual([]);
    // The host is written in the code, also when the URL is built first.
    expect(summary(express('const url = `https://api.example.com/items/${req.query.id}`;\nconst { data } = await axios.get(url);\nres.json(data);', head))).toEqual([]);
    expect(summary(express("const url = 'http://' + req.query.host + '/status';\nconst { data } = await axios.get(url);\nres.json(data);", head))).toEqual(['9:CWE-918:high:from 8']);
    expect(summary(express("const ALLOWED = new Set(['a.example.com']);\nconst url = new URL(req.query.url);\nif (!ALLOWED.has(url.hostname)) return res.sendStatus(400);\nconst r = await fetch(url);\nres.json(await r.json());"))).toEqual([]);
  });

  it('open redirects: res.redirect, Location headers, ctx.redirect', () => {
    expect(summary(express("res.redirect(req.query.next || '/');"))).toEqual(['8:CWE-601:high:from 8']);
    expect(summary(express("res.writeHead(302, { Location: req.query.next });\nres.end();"))).toEqual(['8:CWE-601:high:from 8']);
    expect(summary(express("const next = String(req.query.next || '/');\nif (!next.startsWith('/')) return res.redirect('/');\nres.redirect(next);"))).toEqual(['10:CWE-601:high:from 8']);
    expect(summary(express("const next = String(req.query.next || '/');\nif (!/^\\/[a-z/]*$/.test(next)) return res.redirect('/');\nres.redirect(next);"))).toEqual([]);
  });

  it('XSS: HTML responses, JSON and plain text are not', () => {
    expect(summary(express("res.send(`<p>${req.query.name}</p>`);"))).toEqual(['8:CWE-79:high:from 8']);
    expect(summary(express('res.json({ name: req.query.name });'))).toEqual([]);
    expect(summary(express("res.type('text/plain').send(`Hello ${req.query.name}`);"))).toEqual([]);
    expect(summary(express("res.render('hello', { name: req.query.name });"))).toEqual([]);
  });

  it('XSS in React: dangerouslySetInnerHTML in JSX and createElement', () => {
    const tsx = `import { useSearchParams } from 'next/navigation';
export function Bio({ html }: { html: string }) {
  const q = window.location.hash.slice(1);
  return (
    <div className="bio">
      <p dangerouslySetInnerHTML={{ __html: q }} />
      <p>{q}</p>
    </div>
  );
}
`;
    expect(summary(tsx, 'src/Bio.tsx')).toEqual(['6:CWE-79:high:from 3']);
    expect(summary(express("const el = React.createElement('div', { dangerouslySetInnerHTML: { __html: req.body.bio } });\nres.send(renderToString(el));", "const React = require('react');\nconst { renderToString } = require('react-dom/server');"))).toEqual(['9:CWE-79:high:from 9']);
  });

  it('XSS in the browser: innerHTML from the URL', () => {
    expect(summary("const name = decodeURIComponent(location.hash.slice(1));\ndocument.getElementById('out').innerHTML = '<b>' + name + '</b>';\n", 'public/app.js')).toEqual(['2:CWE-79:high:from 1']);
    expect(summary("const name = decodeURIComponent(location.hash.slice(1));\ndocument.getElementById('out').textContent = name;\n", 'public/app.js')).toEqual([]);
  });

  it('XXE: libxmljs with entity expansion', () => {
    const head = "const libxmljs = require('libxmljs');";
    expect(summary(express('const doc = libxmljs.parseXml(req.body, { noent: true });\nres.json({ root: doc.root().name() });', head))).toEqual(['8:CWE-611:high:from 8']);
    expect(summary(express('const doc = libxmljs.parseXml(req.body);\nres.json({ root: doc.root().name() });', head))).toEqual([]);
  });

  it('XPath: a query built from input, not one with variables', () => {
    const head = "const xpath = require('xpath');";
    expect(summary(express("const nodes = xpath.select(\"//user[name='\" + req.query.name + \"']\", doc);\nres.json(nodes.length);", head))).toEqual(['8:CWE-643:high:from 8']);
    expect(summary(express("const nodes = xpath.parse('//user[name=$name]').select({ node: doc, variables: { name: req.query.name } });\nres.json(nodes.length);", head))).toEqual([]);
  });

  it('LDAP: a filter built from input, not an escaped or filter-object one', () => {
    const head = "const ldap = require('ldapjs');\nconst escape = require('ldap-escape');\nconst client = ldap.createClient({ url: 'ldaps://ldap' });";
    expect(summary(express("client.search('dc=example,dc=com', { filter: '(uid=' + req.query.uid + ')' }, () => {});", head))).toEqual(['10:CWE-90:high:from 10']);
    expect(summary(express("client.search('dc=example,dc=com', { filter: escape.filter`(uid=${req.query.uid})` }, () => {});", head))).toEqual([]);
    expect(summary(express("const filter = new ldap.EqualityFilter({ attribute: 'uid', value: req.query.uid });\nclient.search('dc=example,dc=com', { filter }, () => {});", head))).toEqual([]);
  });

  it('trust boundary: request data stored in the session', () => {
    expect(summary(express('req.session.role = req.body.role;\nres.end();'))).toEqual(['8:CWE-501:medium:from 8']);
    expect(summary(express("const ROLES = new Map([['a', 'admin'], ['v', 'viewer']]);\nreq.session.role = ROLES.get(req.body.role) || 'viewer';\nres.end();"))).toEqual([]);
  });

  it('weak hashes: a password hash is CWE-328, a checksum CWE-327 (low)', () => {
    const head = "const crypto = require('crypto');";
    expect(summary(express("const hash = crypto.createHash('md5').update(req.body.password).digest('hex');\nres.json({ hash });", head))).toEqual(['8:CWE-328:high']);
    expect(summary(express("const etag = crypto.createHash('md5').update(body).digest('hex');\nres.set('ETag', etag);", head))).toEqual(['8:CWE-327:low']);
    expect(summary(express("const hash = crypto.createHash('sha256').update(req.body.password).digest('hex');", head))).toEqual([]);
  });

  it('weak randomness: Math.random for a token, also through a helper', () => {
    expect(summary(express('const resetToken = Math.random().toString(36).slice(2);\nres.json({ resetToken });'))).toEqual(['8:CWE-330:high']);
    const helper = "function randomHex(n) {\n  return Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');\n}\nfunction csrf(req) {\n  req.session.csrfToken = randomHex(32);\n}\n";
    expect(summary(helper)).toEqual(['2:CWE-330:high']);
    expect(summary(express('const jitter = Math.floor(Math.random() * 250);\nsetTimeout(() => res.end(), jitter);'))).toEqual([]);
  });

  it('cookies: a session cookie without Secure, not a preference cookie', () => {
    expect(summary(express("res.cookie('session', token, { httpOnly: true });"))).toEqual(['8:CWE-614:medium']);
    expect(summary(express("res.cookie('session', token, { httpOnly: true, secure: true });"))).toEqual([]);
    expect(summary(express("res.cookie('theme', 'dark', { maxAge: 86400000 });"))).toEqual([]);
    expect(summary(express("res.setHeader('Set-Cookie', `sid=${token}; Path=/; HttpOnly`);"))).toEqual(['8:CWE-614:medium']);
    expect(summary("const session = require('express-session');\napp.use(session({ secret: process.env.S, cookie: { secure: false } }));\n")).toEqual(['2:CWE-614:medium']);
  });
});

describe('TypeScript taint tracking: frameworks', () => {
  it('Next.js app router: the request, its body and route parameters', () => {
    const code = `import { NextRequest, NextResponse } from 'next/server';
import { exec } from 'child_process';

export async function POST(request: NextRequest, { params }: { params: { id: string } }) {
  const { host } = (await request.json()) as { host: string };
  exec(\`ping \${host}\`);
  exec(\`ls /data/\${params.id}\`);
  return NextResponse.redirect(new URL(request.nextUrl.searchParams.get('next') ?? '/', request.url));
}
`;
    expect(summary(code, 'app/api/route.ts')).toEqual(['6:CWE-78:critical:from 5', '7:CWE-78:critical:from 4', '8:CWE-601:high:from 8']);
    // A relative target on the request's own origin is not an open redirect.
    expect(summary(code.replace(/exec\(.*\n/g, '').replace("request.nextUrl.searchParams.get('next') ?? '/'", "'/done'"), 'app/api/route.ts')).toEqual([]);
  });

  it('Koa: ctx.query and ctx.request.body, a string body is HTML unless typed', () => {
    const code = `import Router from '@koa/router';
const router = new Router();
router.get('/hello', async (ctx) => {
  const name = String(ctx.query.name ?? '');
  ctx.body = \`<p>Hello \${name}</p>\`;
});
router.post('/echo', async (ctx) => {
  const { text } = ctx.request.body as { text: string };
  ctx.type = 'text/plain';
  ctx.body = text;
});
`;
    expect(summary(code, 'src/routes.ts')).toEqual(['5:CWE-79:high:from 4']);
  });

  it('Hapi handlers and GraphQL resolver arguments', () => {
    const code = `const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response(\`<h1>Hello \${request.query.name}</h1>\`) });
const resolvers = {
  Query: { user: (parent, args, context, info) => context.db.query(\`SELECT * FROM users WHERE id = '\${args.id}'\`) },
};
`;
    expect(summary(code)).toEqual(['3:CWE-79:high:from 3', '5:CWE-89:high:from 5']);
  });

  it('a parameter named request is a request only in a handler', () => {
    // An HTTP client's own request object is not input.
    expect(summary("const https = require('https');\nfunction send(request, options) {\n  return https.get(request.url, options);\n}\n")).toEqual([]);
    expect(summary("const https = require('https');\nfunction proxy(request, response) {\n  https.get(request.url, (r) => r.pipe(response));\n}\n")).toEqual(['3:CWE-918:high:from 3']);
  });

  it('NestJS: decorated parameters are request data', () => {
    const code = `import { Controller, Get, Query } from '@nestjs/common';
import { execSync } from 'child_process';

@Controller('tools')
export class ToolsController {
  @Get('dns')
  lookup(@Query('host') host: string) {
    return execSync('nslookup ' + host).toString();
  }
}
`;
    expect(summary(code, 'src/tools.controller.ts')).toEqual(['8:CWE-78:critical:from 7']);
  });
});

describe('JavaScript taint tracking: what a new user tried', () => {
  it('resolves a module required inline, as one bound to a name', () => {
    expect(summary("app.get('/x', (req, res) => {\n  require('child_process').exec('ls ' + req.query.d);\n  res.send('ok');\n});\n")).toEqual(['2:CWE-78:critical:from 2']);
    expect(summary("app.get('/x', (req, res) => {\n  require('child_process').execFile('ls', [req.query.d]);\n  res.send('ok');\n});\n")).toEqual([]);
  });
});
