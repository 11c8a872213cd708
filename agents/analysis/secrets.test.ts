import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';
import { findSecrets } from './secrets';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function lines(path: string, code: string): number[] {
  return findSecrets(new SourceFile(path, code)).map((f) => f.line);
}

describe('hard-coded credentials on the syntax tree', () => {
  it('finds literals bound to credential names however they are bound', () => {
    const code = [
      'import jwt',
      'app.config["SECRET_KEY"] = "9fK2mQ7xV4pL8rT1wZ6n"',
      'client = connect(host="db", password="Pr0d-pa55word")',
      'SETTINGS = {"api_key": "sk_live_a8F3kL9qZ2"}',
      'if password == "letmein-2024":',
      '    pass',
      'DSN = "postgres://app:S3cret-Pa55@db.internal:5432/app"',
      'smtp.login("alerts@example.com", "Al3rts-mail-pass")',
      'token = jwt.encode(claims, "c0rp-api-jwt-s1gning-secret")',
      '# password = "in-a-comment-123" is not code',
    ].join('\n');
    expect(lines('app/settings.py', code)).toEqual([2, 3, 4, 5, 7, 8, 9]);
  });

  it('reads setters, connection calls and wrappers in the other languages', () => {
    expect(lines('Db.java', 'class Db { void f(HikariConfig c) throws Exception {\n  c.setPassword("CrmAdm1n#Prod");\n  DriverManager.getConnection(URL, "app", "Bill1ng!2024");\n} }')).toEqual([2, 3]);
    expect(lines('mail.js', "const t = nodemailer.createTransport({\n  auth: { user: 'n@example.com', pass: 'mailer-Pa55w0rd-2020' },\n});")).toEqual([2]);
    expect(lines('auth.go', 'package m\nfunc f() {\n\tauth := smtp.PlainAuth("", "a@example.com", "Al3rts-mail-pass", host)\n\t_ = auth\n}\n')).toEqual([3]);
    expect(lines('client.rs', 'fn f() { client.get(url).basic_auth("acme", Some("Carr1er-API-pass-2021")); }')).toEqual([1]);
  });

  it('leaves placeholders, references, environment lookups and test fixtures alone', () => {
    const code = [
      'PASSWORD = os.environ["PASSWORD"]',
      'API_KEY = "changeme"',
      'TOKEN = ""',
      'SECRET = "${SECRET}"',
      'PASSWORD_FIELD = "password"',
      'DSN = "postgres://app:${DB_PASSWORD}@db/app"',
      'label = {"password": "Enter your password"}',
    ].join('\n');
    expect(lines('app/settings.py', code)).toEqual([]);
    expect(lines('tests/test_login.py', 'password = "hunter2-fixture"\n')).toEqual([]);
  });

  it('reads settings files line by line and tags every secret with CWE-798', () => {
    const findings = findSecrets(new SourceFile('.env', 'DATABASE_PASSWORD=Sup3rS3cret99\nAPI_KEY=\n# TOKEN=abcdef123456\n'));
    expect(findings.map((f) => [f.line, f.rule_id, f.cwe])).toEqual([[1, 'hardcoded-secret', 'CWE-798']]);
  });
});

describe('hard-coded credentials in settings files', () => {
  it('finds a password inside a connection URL, but not a reference to one', () => {
    expect(lines('.env', 'DATABASE_URL=postgres://admin:S3cretPass@db.internal:5432/app\nCACHE_URL=redis://cache:6379\nREF_URL=postgres://app:${DB_PASSWORD}@db/app\n')).toEqual([1]);
    expect(lines('config.yml', 'db:\n  url: postgres://admin:S3cretPass@db.internal:5432/app\n')).toEqual([2]);
  });
});
