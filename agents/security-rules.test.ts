import { scanSecurity } from './security-rules';
import { SourceFile } from './source-file';
import { ALL_GRAMMARS, loadGrammars } from './syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

/**
 * Fixtures mark each line a rule must report with an `expect: rule-id` comment (comments
 * never trigger a rule), so a test compares the exact set of (line, rule) pairs.
 */
function expectedMarks(content: string): string[] {
  return content.split('\n').flatMap((line, i) => {
    const mark = /expect: ([\w, -]+)$/.exec(line);
    return mark?.[1] ? mark[1].split(',').map((id) => `${i + 1}:${id.trim()}`) : [];
  });
}

function found(path: string, content: string): string[] {
  return scanSecurity(new SourceFile(path, content)).map((f) => `${f.line}:${f.rule_id}`);
}

// Built from parts so the repository holds no string a secret scanner would take for a real key.
const AWS_KEY = 'AKIA' + 'Q3EGRTZ7VX2LMN4P';
const PRIVATE_KEY_HEADER = '-----BEGIN RSA ' + 'PRIVATE KEY-----';

describe('security rules: JavaScript / TypeScript', () => {
  const vulnerable = `const { exec, execSync, spawn } = require('child_process');
const crypto = require('crypto');

async function byId(db, id) {
  return db.query(\`SELECT * FROM users WHERE id = \${id}\`); // expect: sql-injection
}
function byName(db, name) {
  const q = "SELECT * FROM users WHERE name = '" + name + "'";
  return db.query(q); // expect: sql-injection
}
function search(db, term) {
  return db.query( // expect: sql-injection
    'SELECT * FROM posts WHERE title LIKE ' +
      term,
  );
}
function list(dir) {
  exec(\`ls -la \${dir}\`); // expect: command-injection
  execSync('tar czf backup.tgz ' + dir); // expect: command-injection
  spawn('sh', ['-c', \`grep \${dir} /etc/hosts\`]); // expect: command-injection
}
function run(code) {
  return eval(code); // expect: code-injection
}
const compiled = new Function('a', userBody); // expect: code-injection
const awsKey = "${AWS_KEY}"; // expect: hardcoded-aws-key
const password = "hunter2!"; // expect: hardcoded-secret
const config = { apiKey: "q8Xv2LmN7pR4tZ9w" }; // expect: hardcoded-secret
export function hashPassword(pw: string) {
  return crypto.createHash('md5').update(pw).digest('hex'); // expect: weak-hash
}
`;

  const safe = `const { execFile } = require('child_process');
const crypto = require('crypto');

async function byId(db, id) {
  return db.query('SELECT * FROM users WHERE id = $1', [id]);
}
function byName(db, name) {
  return sql\`SELECT * FROM users WHERE name = \${name}\`;
}
// db.query("SELECT * FROM users WHERE id = " + id) in a comment is not code
function list(dir) {
  execFile('ls', ['-la', dir]);
  const match = /select (.*) from/.exec(dir);
  return \`Select an option from \${dir}\`;
}
function run(code) {
  return JSON.parse(code);
}
const fixed = eval('1 + 1');
const password = process.env.DB_PASSWORD;
const placeholders = { password: "changeme", token: "", apiKey: "<your-api-key>", secret: "\${SECRET}" };
const label = { password: "Enter your password" };
class Shell {
  exec(command: string): void {
    throw new Error("could not delete from cache: " + command);
  }
}
export function hashPassword(pw: string) {
  return crypto.createHash('sha256').update(pw).digest('hex');
}
`;

  it('reports each vulnerability at its line', () => {
    expect(found('src/db.ts', vulnerable).sort()).toEqual(expectedMarks(vulnerable).sort());
  });

  it('reports nothing in the safe version', () => {
    expect(found('src/db.ts', safe)).toEqual([]);
  });

  it('rates a weak hash by its use', () => {
    const etag = `const etag = crypto.createHash('sha1').update(body).digest('hex');\n`;
    const [finding] = scanSecurity(new SourceFile('a.js', etag));
    expect(finding).toMatchObject({ rule_id: 'weak-hash', severity: 'low', line: 1 });
    const weak = scanSecurity(new SourceFile('a.js', vulnerable)).find((f) => f.rule_id === 'weak-hash');
    expect(weak?.severity).toBe('high');
  });

  // The taint analysis reports a query where it runs (db.query), not where its text is built, and
  // rates it by where the value comes from: \`id\` is a parameter of an ordinary function, of
  // unknown origin, so the finding is a medium "risk" (input from a request would make it high).
  it('fills in every field of a finding', () => {
    const finding = scanSecurity(new SourceFile('src/db.ts', vulnerable)).find((f) => f.rule_id === 'sql-injection');
    expect(finding).toEqual({
      severity: 'medium',
      cwe: 'CWE-89',
      title: 'SQL injection risk',
      description: expect.stringContaining('built into an SQL query'),
      file: 'src/db.ts',
      line: 5,
      sink: { line: 5, code: 'db.query(`SELECT * FROM users WHERE id = ${id}`)' },
      suggestion: expect.stringContaining('$1'),
      rule_id: 'sql-injection',
    });
  });

  it('rates a shell command from a variable lower than one built from input', () => {
    const findings = scanSecurity(new SourceFile('a.js', "const { exec } = require('node:child_process');\nexec(command);\n"));
    expect(findings).toEqual([expect.objectContaining({ rule_id: 'command-injection', severity: 'medium', line: 2 })]);
    // Without child_process, exec() is some other library's.
    expect(scanSecurity(new SourceFile('a.js', "import { exec } from './db';\nexec(`DROP ${x}`);\n"))).toEqual([]);
  });
});

describe('security rules: Python', () => {
  const vulnerable = `import hashlib
import os
import subprocess


def get_user(cur, uid, name):
    cur.execute(f"SELECT * FROM users WHERE id = {uid}")  # expect: sql-injection
    cur.execute("SELECT * FROM users WHERE id = %s" % uid)  # expect: sql-injection
    cur.execute("SELECT * FROM users WHERE name = '{}'".format(name))  # expect: sql-injection
    cur.execute("DELETE FROM users WHERE id = " + uid)  # expect: sql-injection


def run(directory):
    os.system(f"ls {directory}")  # expect: command-injection
    subprocess.run("tar czf out.tgz " + directory, shell=True)  # expect: command-injection
    subprocess.check_output(["bash", "-c", "du -sh %s" % directory])  # expect: command-injection


def calc(expression, source):
    value = eval(expression)  # expect: code-injection
    exec(source)  # expect: code-injection
    return value


DB_PASSWORD = "s3cr3t-P4ss"  # expect: hardcoded-secret
SIGNING_KEY = "9fK2mQ7xV4pL8rT1wZ6nB3cH5jD0sA"  # expect: hardcoded-secret
private_key = """${PRIVATE_KEY_HEADER}"""  # expect: hardcoded-private-key


def check_password(password):
    return hashlib.md5(password.encode()).hexdigest()  # expect: weak-hash
`;

  const safe = `import hashlib
import os
import subprocess


def get_user(cur, uid, name):
    cur.execute("SELECT * FROM users WHERE id = %s", (uid,))
    cur.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})


def run(directory):
    os.system("ls -la")
    subprocess.run(["tar", "czf", "out.tgz", directory], check=True)
    # os.system(f"rm -rf {directory}") is a comment


def calc(expression):
    """Docstrings mention eval(expression) without running it."""
    return ast.literal_eval(expression)


class Calculator:
    def eval(self, expression):
        return calc(expression)


DB_PASSWORD = os.environ["DB_PASSWORD"]
API_KEY = "changeme"
TOKEN = ""


def cache_key(data):
    return hashlib.md5(data, usedforsecurity=False).hexdigest()
`;

  it('reports each vulnerability at its line', () => {
    expect(found('app/views.py', vulnerable).sort()).toEqual(expectedMarks(vulnerable).sort());
  });

  it('reports nothing in the safe version', () => {
    expect(found('app/views.py', safe)).toEqual([]);
  });
});

describe('security rules: Go', () => {
  // The taint analysis reports a query where it runs (db.Query(q)), not where it is built; the
  // parameters here are of unknown origin, so its findings are medium rather than high.
  const vulnerable = `package store

import (
	"crypto/md5"
	"database/sql"
	"fmt"
	"os/exec"
)

func Find(db *sql.DB, id string) {
	q := fmt.Sprintf("SELECT * FROM users WHERE id = '%s'", id)
	db.Query(q) // expect: sql-injection
	db.Query("SELECT * FROM users WHERE name = '" + id + "'") // expect: sql-injection
}

func Archive(ctx context.Context, dir string) {
	exec.Command("sh", "-c", "tar czf out.tgz "+dir).Run() // expect: command-injection
	exec.CommandContext(ctx, "bash", "-c", fmt.Sprintf("du -sh %s", dir)).Run() // expect: command-injection
}

func HashPassword(password string) []byte {
	h := md5.New() // expect: weak-hash
	h.Write([]byte(password))
	return h.Sum(nil)
}

var apiToken = "ghq_8f3KdL2mX9vQ7rT4pZ1w" // expect: hardcoded-secret
`;

  const safe = `package store

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
)

func Find(db *sql.DB, id string) {
	db.Query("SELECT * FROM users WHERE id = $1", id)
	limit := fmt.Sprintf("SELECT * FROM users LIMIT %d", 10)
	db.Query(limit)
}

func Archive(dir string) {
	exec.Command("tar", "czf", "out.tgz", dir).Run()
	// exec.Command("sh", "-c", "rm -rf "+dir) stays a comment
}

func HashPassword(password string) [32]byte {
	return sha256.Sum256([]byte(password))
}

var apiToken = os.Getenv("API_TOKEN")
`;

  it('reports each vulnerability at its line', () => {
    expect(found('store/store.go', vulnerable).sort()).toEqual(expectedMarks(vulnerable).sort());
  });

  it('reports nothing in the safe version', () => {
    expect(found('store/store.go', safe)).toEqual([]);
  });
});

describe('security rules: Rust', () => {
  // The taint analysis reports a query where it runs (conn.execute), not where it is built, and
  // a query that never runs (q2) not at all; the parameters are of unknown origin (medium).
  const vulnerable = `use std::process::Command;

pub fn find(conn: &Connection, id: &str) {
    let q = format!("SELECT * FROM users WHERE id = '{}'", id);
    let q2 = format!("DELETE FROM sessions WHERE user = '{id}'");
    conn.execute(&q, []); // expect: sql-injection
}

pub fn archive(dir: &str) {
    Command::new("sh").arg("-c").arg(format!("tar czf out.tgz {}", dir)).output(); // expect: command-injection
    Command::new("bash")
        .args(["-c", &format!("du -sh {}", dir)]) // expect: command-injection
        .output();
}

pub fn hash_password(password: &str) -> String {
    let digest = md5::compute(password.as_bytes()); // expect: weak-hash
    format!("{:x}", digest)
}

const API_TOKEN: &str = "tk_9Fq2Lm7Xv4Rp8Zw1Nb3Ch6Jd"; // expect: hardcoded-secret
`;

  const safe = `use std::process::Command;

pub fn find(conn: &Connection, id: &str) {
    conn.execute("SELECT * FROM users WHERE id = $1", &[&id]);
    let all = format!("SELECT * FROM users");
    let label = format!("user {}", id);
}

pub fn archive(dir: &str) {
    Command::new("tar").arg("czf").arg("out.tgz").arg(dir).output();
    Command::new("sh").arg("-c").arg("ls -la").output();
    // Command::new("sh").arg("-c").arg(format!("rm {}", dir)) in a comment
}

pub fn hash_password(password: &str) -> String {
    argon2::hash_encoded(password.as_bytes(), SALT, &Config::default()).unwrap()
}

const API_TOKEN_ENV: &str = "API_TOKEN";
`;

  it('reports each vulnerability at its line', () => {
    expect(found('src/lib.rs', vulnerable).sort()).toEqual(expectedMarks(vulnerable).sort());
  });

  it('reports nothing in the safe version', () => {
    expect(found('src/lib.rs', safe)).toEqual([]);
  });
});

describe('security rules: settings files', () => {
  it('finds secrets in dotenv files but not placeholders or comments', () => {
    const env = ['DATABASE_PASSWORD=Sup3rS3cret99', 'API_KEY=', 'SECRET_KEY=changeme', '# TOKEN=abcdef123456', `AWS_ACCESS_KEY_ID=${AWS_KEY}`].join('\n');
    // AWS_ACCESS_KEY_ID names an ID, not a secret: the key-format rule reports it.
    expect(found('.env.production', env).sort()).toEqual(['1:hardcoded-secret', '5:hardcoded-aws-key']);
  });

  it('leaves test fixtures alone for assignments, not for real key formats', () => {
    const fixture = `const password = "hunter2!";\nconst key = "${AWS_KEY}";\n`;
    expect(found('src/auth.test.ts', fixture)).toEqual(['2:hardcoded-aws-key']);
  });

  it('skips AWS documentation example keys and unknown file types', () => {
    expect(found('a.ts', 'const k = "AKIAIOSFODNN7EXAMPLE";\n')).toEqual([]);
    expect(found('README.md', `password = "hunter2!" ${AWS_KEY}`)).toEqual([]);
  });
});
