import type { Finding } from '../protocol';
import { scanSecurity } from '../security-rules';
import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function scan(code: string, path = 'app/views.py'): Finding[] {
  return scanSecurity(new SourceFile(path, code));
}

/** `line:cwe:severity[:source line]` of each finding: what a reviewer reads first. */
function summary(code: string): string[] {
  return scan(code).map((f) => `${f.line}:${f.cwe}:${f.severity}${f.source ? `:from ${f.source.line}` : ''}`);
}

describe('line ends', () => {
  it('reads a file with classic Mac line ends (CR only) like one with LF or CRLF: same findings, lines and code', () => {
    const lines = ['import subprocess', 'from flask import Flask, request', 'app = Flask(__name__)', '@app.route("/run")', 'def run():', '    cmd = request.args.get("cmd")', '    return subprocess.run(cmd, shell=True)', ''];
    const seen = ['\n', '\r\n', '\r'].map((eol) => scan(lines.join(eol)).map((f) => ({ line: f.line, cwe: f.cwe, severity: f.severity, source: f.source, sink: f.sink })));
    expect(seen[0]).toEqual([{ line: 7, cwe: 'CWE-78', severity: 'critical', source: { line: 6, code: 'request.args.get("cmd")' }, sink: { line: 7, code: 'subprocess.run(cmd, shell=True)' } }]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    // The file's own text is left byte-exact.
    const file = new SourceFile('app.py', lines.join('\r'));
    expect(file.content).toBe(lines.join('\r'));
    expect(file.lineCount).toBe(7);
  });
});

describe('Python taint tracking: the examples of issue 15', () => {
  it('follows a request form value through a variable into a shell', () => {
    const code = `import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.route("/archive", methods=["POST"])
def archive():
    cmd = "tar czf /tmp/out.tgz " + request.form["dir"]
    subprocess.call(cmd, shell=True)
    return "ok"
`;
    const [finding] = scan(code);
    expect(finding).toMatchObject({
      rule_id: 'command-injection',
      cwe: 'CWE-78',
      severity: 'critical',
      line: 9,
      source: { line: 8, code: 'request.form["dir"]' },
      sink: { line: 9, code: 'subprocess.call(cmd, shell=True)' },
    });
    expect(finding?.description).toContain('request.form["dir"]');
    // The safe variant: quoted for the shell, or no shell at all.
    expect(summary(code.replace('" + request.form["dir"]', '" + shlex.quote(request.form["dir"])').replace('import subprocess', 'import shlex\nimport subprocess'))).toEqual([]);
    expect(summary(code.replace(/cmd = .*\n.*\n/, 'subprocess.call(["tar", "czf", "/tmp/out.tgz", request.form["dir"]])\n'))).toEqual([]);
  });

  it('reports the other inputs the old rules missed, each with its class', () => {
    const code = `import os
import pickle
import random
import requests
import yaml
from flask import Flask, redirect, request

app = Flask(__name__)
BASE = "/srv/files"

@app.post("/restore")
def restore():
    state = pickle.loads(request.get_data())
    return str(state)

@app.get("/file")
def read_file():
    with open(os.path.join(BASE, request.args["name"])) as fh:
        return fh.read()

@app.get("/fetch")
def fetch():
    return requests.get(request.args["url"]).text

@app.get("/login/done")
def done():
    return redirect(request.args["next"])

@app.post("/config")
def config():
    body = request.get_data()
    return yaml.load(body)

def new_reset_token():
    token = str(random.random())[2:]
    return token
`;
    expect(summary(code)).toEqual([
      '13:CWE-502:critical:from 13',
      '18:CWE-22:high:from 18',
      '23:CWE-918:high:from 23',
      '27:CWE-601:high:from 27',
      '32:CWE-502:critical:from 31',
      '35:CWE-330:high',
    ]);
  });

  it('does not report the safe variants', () => {
    const code = `import json
import os
import secrets
import requests
import yaml
from flask import Flask, abort, redirect, request, url_for
from werkzeug.utils import secure_filename

app = Flask(__name__)
BASE = "/srv/files"
ALLOWED_HOSTS = {"api.example.com"}

@app.post("/restore")
def restore():
    return json.loads(request.get_data())

@app.get("/file")
def read_file():
    with open(os.path.join(BASE, secure_filename(request.args["name"]))) as fh:
        return fh.read()

@app.get("/fetch")
def fetch():
    host = request.args["host"]
    if host not in ALLOWED_HOSTS:
        abort(400)
    return requests.get("https://" + host + "/status").text

@app.get("/login/done")
def done():
    return redirect(url_for("home"))

@app.post("/config")
def config():
    return yaml.safe_load(request.get_data())

def new_reset_token():
    return secrets.token_urlsafe(32)
`;
    expect(summary(code)).toEqual([]);
  });
});

describe('Python taint tracking: propagation and what stops it', () => {
  const handler = (body: string) => `import sqlite3
from flask import Flask, request

app = Flask(__name__)

@app.get("/users")
def users():
    db = sqlite3.connect("app.db")
${body
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

  it('follows input through assignments, f-strings, format, containers and simple calls', () => {
    expect(summary(handler('name = request.args.get("name", "").strip().lower()\nparts = ["SELECT * FROM users WHERE name = \'", name, "\'"]\nquery = "".join(parts)\nreturn str(db.execute(query).fetchall())'))).toEqual(['12:CWE-89:high:from 9']);
    expect(summary(handler('filters = {"name": request.args["name"]}\nq = f"SELECT * FROM users WHERE name = \'{filters[\'name\']}\'"\nreturn str(db.execute(q).fetchall())'))).toEqual(['11:CWE-89:high:from 9']);
    expect(summary(handler('q = "SELECT * FROM users WHERE id = {}".format(request.args["id"])\nreturn str(db.execute(q).fetchall())'))).toEqual(['10:CWE-89:high:from 9']);
  });

  it('drops taint at parameters, numeric conversion, a constant from a map and a constant-false branch', () => {
    expect(summary(handler('return str(db.execute("SELECT * FROM users WHERE id = ?", (request.args["id"],)).fetchall())'))).toEqual([]);
    expect(summary(handler('uid = int(request.args["id"])\nreturn str(db.execute(f"SELECT * FROM users WHERE id = {uid}").fetchall())'))).toEqual([]);
    expect(summary(handler('choices = {"a": "name", "b": request.args["sort"]}\ncolumn = choices["a"]\nreturn str(db.execute("SELECT * FROM users ORDER BY " + column).fetchall())'))).toEqual([]);
    expect(summary(handler('num = 106\ncolumn = "name"\nif (7 * 18) + num < 200:\n    column = request.args["sort"]\nreturn str(db.execute("SELECT * FROM users ORDER BY " + column).fetchall())'))).toEqual([]);
    // The same branch with a condition that can be true is followed.
    expect(summary(handler('column = "name"\nif request.args.get("custom"):\n    column = request.args["sort"]\nreturn str(db.execute("SELECT * FROM users ORDER BY " + column).fetchall())'))).toEqual(['12:CWE-89:high:from 11']);
  });

  it('rates a value of unknown origin built into SQL medium, and a constant not at all', () => {
    expect(summary('def find(db, name):\n    return db.execute("SELECT * FROM users WHERE name = \'" + name + "\'")\n')).toEqual(['2:CWE-89:medium']);
    expect(summary('TABLE = "users"\n\ndef count(db):\n    return db.execute("SELECT COUNT(*) FROM " + TABLE)\n')).toEqual([]);
  });

  it('checks cookies, sessions, templates and hashes by what the code does', () => {
    const code = `import hashlib
from flask import Flask, make_response, request, session, render_template_string

app = Flask(__name__)

@app.post("/login")
def login():
    session["user"] = request.form["user"]
    digest = hashlib.md5(request.form["password"].encode()).hexdigest()
    resp = make_response("ok")
    resp.set_cookie("session_id", digest)
    return resp

@app.get("/hello")
def hello():
    return render_template_string("<p>Hello " + request.args["name"] + "</p>")

def etag(body):
    return hashlib.md5(body).hexdigest()
`;
    expect(summary(code)).toEqual([
      '8:CWE-501:medium:from 8',
      '9:CWE-328:high',
      '11:CWE-614:medium',
      '16:CWE-94:critical:from 16',
      '19:CWE-327:low',
    ]);
  });
});

describe('Python taint tracking: files past the analysis', () => {
  it('skips a file nested deeper than the stack allows instead of failing the task', () => {
    // 3,000 nested parentheses: tree-sitter parses it, a recursive walk would overflow.
    const deep = `import os\nfrom flask import request\n\n@app.get("/x")\ndef f():\n    os.system(${'('.repeat(3000)}request.args["c"]${')'.repeat(3000)})\n`;
    expect(() => scan(deep)).not.toThrow();
  });

  it('words the fix in Python', () => {
    const [finding] = scan('def find(db, name):\n    return db.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n');
    expect(finding?.suggestion).toContain('cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))');
  });
});

describe('Python taint tracking: what a new user tried', () => {
  it('says when a file or a function was not fully analysed instead of reporting nothing', () => {
    const deep = `import os\nfrom flask import request\nx = ${'['.repeat(1200)}1${']'.repeat(1200)}\n`;
    expect(scan(deep).map((f) => [f.line, f.rule_id, f.severity])).toEqual([[1, 'analysis-incomplete', 'info']]);
  });

  it('follows input through 15 nested loops (the body runs twice only in the outer loops)', () => {
    let code = 'import os\nfrom flask import request\n\n@app.get("/")\ndef f():\n    v = request.args["v"]\n';
    let indent = '    ';
    for (let i = 0; i < 15; i++) {
      code += `${indent}for i${i} in range(3):\n`;
      indent += '    ';
      code += `${indent}v = v + "x"\n`;
    }
    code += '    os.system("ls " + v)\n';
    expect(summary(code)).toEqual([`${code.split('\n').length - 1}:CWE-78:critical:from 6`]);
  });

  it('judges a hash by where its input was read, not only by the variable name', () => {
    const code = 'import hashlib\nfrom flask import request\n\n@app.post("/login")\ndef login():\n    pw = request.form["password"]\n    return hashlib.md5(pw.encode()).hexdigest()\n';
    expect(summary(code)).toEqual(['7:CWE-328:high']);
  });

  it('reads the functions after a syntax error', () => {
    expect(summary('import os\nfrom flask import request\ndef f(:\n    pass\n\n@app.get("/")\ndef g():\n    os.system("ls " + request.args["y"])\n')).toEqual(['8:CWE-78:critical:from 8']);
  });
});
