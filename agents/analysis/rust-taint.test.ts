import type { Finding } from '../protocol';
import { scanSecurity } from '../security-rules';
import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function scan(code: string, path = 'src/handlers.rs'): Finding[] {
  return scanSecurity(new SourceFile(path, code));
}

/** `line:cwe:severity[:from source line]` of each finding: what a reviewer reads first. */
function summary(code: string): string[] {
  return scan(code).map((f) => `${f.line}:${f.cwe}:${f.severity}${f.source ? `:from ${f.source.line}` : ''}`);
}

/** An actix-web handler taking `query: web::Query<Search>` (its signature on line 11), with `body` from line 12. */
function actix(body: string): string {
  return `use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
pub struct Search {
    q: String,
}

#[get("/search")]
pub async fn search(pool: web::Data<sqlx::PgPool>, query: web::Query<Search>) -> HttpResponse {
${body
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
}
`;
}

describe('Rust taint tracking: SQL injection', () => {
  it('follows an extractor through assignments and format! into sqlx', () => {
    const code = actix(`let term = query.q.trim().to_string();
let filter = format!("name = '{}'", term);
let sql = String::from("SELECT id FROM users WHERE ") + &filter;
let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await;
HttpResponse::Ok().json(rows.is_ok())`);
    const [finding] = scan(code);
    expect(finding).toMatchObject({
      rule_id: 'sql-injection',
      cwe: 'CWE-89',
      severity: 'high',
      line: 15,
      source: { line: 11, code: 'query' },
      sink: { line: 15 },
    });
    expect(scan(code)).toHaveLength(1);
  });

  it('does not report bound parameters, parsed numbers, a constant from a map or a constant-false branch', () => {
    expect(summary(actix('let rows = sqlx::query("SELECT id FROM users WHERE name = $1").bind(&query.q).fetch_all(pool.get_ref()).await;\nHttpResponse::Ok().json(rows.is_ok())'))).toEqual([]);
    expect(summary(actix('let id: i64 = match query.q.parse() {\n    Ok(n) => n,\n    Err(_) => return HttpResponse::BadRequest().finish(),\n};\nlet _ = sqlx::query(&format!("DELETE FROM users WHERE id = {}", id)).execute(pool.get_ref()).await;\nHttpResponse::Ok().finish()'))).toEqual([]);
    expect(summary(actix('let columns = [("name", "name"), ("user", query.q.as_str())];\nlet column = columns[0].1;\nlet _ = sqlx::query(&format!("SELECT id FROM users ORDER BY {}", column)).execute(pool.get_ref()).await;\nHttpResponse::Ok().finish()'))).toEqual([]);
    expect(summary(actix('let mut column = String::from("name");\nif 7 * 3 > 100 {\n    column = query.q.clone();\n}\nlet _ = sqlx::query(&format!("SELECT id FROM users ORDER BY {}", column)).execute(pool.get_ref()).await;\nHttpResponse::Ok().finish()'))).toEqual([]);
    // The same branch with a condition that can hold is followed.
    expect(summary(actix('let mut column = String::from("name");\nif !query.q.is_empty() {\n    column = query.q.clone();\n}\nlet _ = sqlx::query(&format!("SELECT id FROM users ORDER BY {}", column)).execute(pool.get_ref()).await;\nHttpResponse::Ok().finish()'))).toEqual(['16:CWE-89:high:from 11']);
  });

  it('reads axum extractors and rusqlite, and rates a plain parameter medium', () => {
    const code = `use axum::extract::{Path, State};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};

pub async fn remove(State(db): State<Arc<Mutex<Connection>>>, Path(title): Path<String>) -> &'static str {
    let conn = db.lock().unwrap();
    let mut sql = String::from("DELETE FROM notes WHERE title = '");
    sql.push_str(&title);
    sql.push('\\'');
    conn.execute(&sql, []).unwrap();
    "ok"
}

pub fn purge(conn: &Connection, table: &str) {
    conn.execute(&format!("DELETE FROM {}", table), []).unwrap();
    conn.execute("DELETE FROM sessions", []).unwrap();
}
`;
    expect(summary(code)).toEqual(['10:CWE-89:high:from 5', '15:CWE-89:medium']);
  });
});

describe('Rust taint tracking: allow-lists', () => {
  it('takes matches! on constants, a match, contains on a constant list and deny-lists as validation', () => {
    const code = (body: string) => actix(`${body}\nlet _ = sqlx::query(&format!("SELECT id FROM users ORDER BY {}", sort)).execute(pool.get_ref()).await;\nHttpResponse::Ok().finish()`);
    expect(summary(code('let sort = query.q.clone();\nif !matches!(sort.as_str(), "name" | "created_at") {\n    return HttpResponse::BadRequest().finish();\n}'))).toEqual([]);
    expect(summary(code('let sort = match query.q.as_str() {\n    "name" => "name",\n    _ => "id",\n};'))).toEqual([]);
    expect(summary(code('const COLUMNS: [&str; 2] = ["name", "created_at"];\nlet sort = query.q.clone();\nif !COLUMNS.contains(&sort.as_str()) {\n    return HttpResponse::BadRequest().finish();\n}'))).toEqual([]);
    expect(summary(code('let sort = query.q.clone();\nif sort.contains(\';\') || sort.contains("--") {\n    return HttpResponse::BadRequest().finish();\n}'))).toEqual([]);
    // A check that does not stop the handler validates nothing.
    expect(summary(code('let sort = query.q.clone();\nif !matches!(sort.as_str(), "name" | "created_at") {\n    println!("unknown sort");\n}'))).toEqual(['16:CWE-89:high:from 11']);
  });
});

describe('Rust taint tracking: commands, paths and requests', () => {
  it('reports a shell script built from input, not an argument list or a validated value', () => {
    expect(summary(actix('let status = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", query.q)).status();\nHttpResponse::Ok().json(status.is_ok())'))).toEqual(['12:CWE-78:critical:from 11']);
    expect(summary(actix('let status = Command::new("ping").arg("-c").arg("1").arg(&query.q).status();\nHttpResponse::Ok().json(status.is_ok())'))).toEqual([]);
    expect(summary(actix('let script = format!("ping -c 1 {}", query.q);\nlet status = Command::new("bash").args(["-c", &script]).status();\nHttpResponse::Ok().json(status.is_ok())'))).toEqual(['13:CWE-78:critical:from 11']);
    // An allow-list of characters with an early return.
    expect(summary(actix('let valid = query.q.chars().all(|c| c.is_ascii_alphanumeric() || c == \'.\');\nif !valid {\n    return HttpResponse::BadRequest().finish();\n}\nlet status = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", query.q)).status();\nHttpResponse::Ok().json(status.is_ok())'))).toEqual([]);
    // A parameter of an ordinary function in a shell command: of unknown origin.
    expect(summary('use std::process::Command;\n\npub fn archive(dir: &str) {\n    Command::new("bash").arg("-c").arg(format!("tar czf out.tgz {}", dir)).status().ok();\n}\n')).toEqual(['4:CWE-78:medium']);
  });

  it('reports file paths from input unless reduced to a file name or kept under the root', () => {
    expect(summary(actix('let text = std::fs::read_to_string(format!("/srv/docs/{}", query.q));\nHttpResponse::Ok().json(text.is_ok())'))).toEqual(['12:CWE-22:high:from 11']);
    expect(summary(actix('let name = std::path::Path::new(&query.q).file_name().unwrap().to_owned();\nlet text = std::fs::read_to_string(std::path::Path::new("/srv/docs").join(name));\nHttpResponse::Ok().json(text.is_ok())'))).toEqual([]);
    expect(
      summary(actix('let root = std::path::Path::new("/srv/docs").canonicalize().unwrap();\nlet path = root.join(&query.q).canonicalize().unwrap();\nif !path.starts_with(&root) {\n    return HttpResponse::Forbidden().finish();\n}\nlet text = std::fs::read_to_string(&path);\nHttpResponse::Ok().json(text.is_ok())')),
    ).toEqual([]);
  });

  it('reports requests to a URL from input, not to a fixed host or an allow-listed one', () => {
    expect(summary(actix('let resp = reqwest::get(&query.q).await;\nHttpResponse::Ok().json(resp.is_ok())'))).toEqual(['12:CWE-918:high:from 11']);
    expect(summary(actix('let resp = reqwest::get(format!("https://api.example.com/search?q={}", query.q)).await;\nHttpResponse::Ok().json(resp.is_ok())'))).toEqual([]);
    expect(summary(actix('let resp = reqwest::get(format!("https://{}/status", query.q)).await;\nHttpResponse::Ok().json(resp.is_ok())'))).toEqual(['12:CWE-918:high:from 11']);
    expect(
      summary(actix('const HOSTS: [&str; 1] = ["api.example.com"];\nif !HOSTS.contains(&query.q.as_str()) {\n    return HttpResponse::BadRequest().finish();\n}\nlet resp = reqwest::get(format!("https://{}/status", query.q)).await;\nHttpResponse::Ok().json(resp.is_ok())')),
    ).toEqual([]);
  });
});

describe('Rust taint tracking: redirects and responses', () => {
  it('reports a redirect to input, not to a local path or an allow-listed page', () => {
    const code = (body: string) => `use axum::{extract::Query, response::Redirect};
use std::collections::HashMap;

pub async fn done(Query(params): Query<HashMap<String, String>>) -> Redirect {
${body}
}
`;
    expect(summary(code('    let next = params.get("next").cloned().unwrap_or_default();\n    Redirect::to(&next)'))).toEqual(['6:CWE-601:high:from 4']);
    expect(summary(code('    let id = params.get("id").cloned().unwrap_or_default();\n    Redirect::to(&format!("/orders/{}", id))'))).toEqual([]);
    expect(summary(code('    let next = match params.get("next").map(|s| s.as_str()) {\n        Some("docs") => "/docs",\n        _ => "/",\n    };\n    Redirect::to(next)'))).toEqual([]);
    // `starts_with(\'/\')` lets `//evil.example` through: still reported.
    expect(summary(code('    let next = params.get("next").cloned().unwrap_or_default();\n    let target = if next.starts_with(\'/\') { next } else { "/".to_string() };\n    Redirect::to(&target)'))).toEqual(['7:CWE-601:high:from 4']);
  });

  it('reports input in an HTML response, not escaped, JSON or plain text', () => {
    expect(summary(actix('let page = format!("<h1>{}</h1>", query.q);\nHttpResponse::Ok().content_type("text/html").body(page)'))).toEqual(['13:CWE-79:high:from 11']);
    expect(summary(actix('let page = format!("<h1>{}</h1>", html_escape::encode_text(&query.q));\nHttpResponse::Ok().content_type("text/html").body(page)'))).toEqual([]);
    expect(summary(actix('HttpResponse::Ok().json(&query.q)'))).toEqual([]);
    expect(summary(actix('HttpResponse::Ok().content_type("text/plain").body(format!("<h1>{}</h1>", query.q))'))).toEqual([]);
    const axum = `use axum::{extract::Path, http::header, response::{Html, IntoResponse}};

pub async fn tags(Path(tags): Path<String>) -> impl IntoResponse {
    let mut body = String::from("<ul>");
    for tag in tags.split(',') {
        body.push_str(&format!("<li>{}</li>", tag));
    }
    ([(header::CONTENT_TYPE, "text/html")], body)
}

pub async fn hello(Path(name): Path<String>) -> Html<String> {
    Html(format!("<p>Hello {}</p>", name))
}
`;
    expect(summary(axum)).toEqual(['8:CWE-79:high:from 3', '12:CWE-79:high:from 11']);
  });
});

describe('Rust taint tracking: LDAP and the session', () => {
  it('reports an LDAP filter built from input unless escaped', () => {
    const code = `use actix_web::{get, web, HttpResponse};
use ldap3::{ldap_escape, Ldap, Scope};

#[get("/people/{uid}")]
pub async fn person(ldap: web::Data<Ldap>, uid: web::Path<String>) -> HttpResponse {
    let mut ldap = ldap.get_ref().clone();
    let uid = uid.into_inner();
    let raw = format!("(uid={})", uid);
    let _ = ldap.search("dc=example,dc=com", Scope::Subtree, &raw, vec!["cn"]).await;
    let safe = format!("(uid={})", ldap_escape(&uid));
    let _ = ldap.search("dc=example,dc=com", Scope::Subtree, &safe, vec!["cn"]).await;
    HttpResponse::Ok().finish()
}
`;
    expect(summary(code)).toEqual(['9:CWE-90:high:from 5']);
  });

  it('reports request data stored in the session, not a constant', () => {
    const code = `use actix_session::Session;
use actix_web::{post, web, HttpResponse};

#[post("/role")]
pub async fn role(session: Session, form: web::Form<std::collections::HashMap<String, String>>) -> HttpResponse {
    let role = form.get("role").cloned().unwrap_or_default();
    session.insert("role", &role).ok();
    let fixed = match role.as_str() {
        "admin" => "admin",
        _ => "viewer",
    };
    session.insert("view", fixed).ok();
    HttpResponse::Ok().finish()
}
`;
    expect(summary(code)).toEqual(['7:CWE-501:medium:from 5']);
  });
});

describe('Rust: weak hashes, weak randomness and cookies', () => {
  it('tells a password hash from a checksum, a token from jitter, and a session cookie from a theme', () => {
    const code = `use actix_web::cookie::Cookie;
use rand::Rng;

pub fn hash_password(password: &str) -> String {
    format!("{:x}", md5::compute(password.as_bytes()))
}

pub fn etag(body: &[u8]) -> String {
    format!("{:x}", md5::compute(body))
}

pub fn new_api_token() -> String {
    std::iter::repeat_with(fastrand::alphanumeric).take(32).collect()
}

pub fn jitter_ms() -> u64 {
    fastrand::u64(0..100)
}

pub fn reset_code() -> u32 {
    rand::thread_rng().gen_range(0..1_000_000)
}

pub fn cookies(token: String) -> (Cookie<'static>, Cookie<'static>, Cookie<'static>) {
    let session = Cookie::build("session", token.clone()).path("/").http_only(true).finish();
    let secure = Cookie::build("session", token).path("/").secure(true).finish();
    let theme = Cookie::build("theme", "dark").path("/").finish();
    (session, secure, theme)
}
`;
    expect(summary(code)).toEqual(['5:CWE-328:high', '9:CWE-327:low', '13:CWE-330:high', '25:CWE-614:medium']);
  });
});

describe('Rust: generated code', () => {
  it('reads very long concatenations, call chains and else-if chains without running out of stack', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `"a${i}"`).join(' + &');
    const chain = Array.from({ length: 2000 }, () => 'next()').join('.');
    const ifs = Array.from({ length: 2000 }, (_, i) => `if x == "k${i}" { ${i} }`).join(' else ');
    const code = `use std::process::Command;

pub fn blob() -> String {
    String::new() + ${terms}
}

pub fn walk(n: Node) {
    n.${chain};
}

pub fn pick(x: &str) -> i32 {
    let n = ${ifs} else { 0 };
    Command::new("sh").arg("-c").arg(format!("echo {}", x)).status().ok();
    n
}
`;
    expect(summary(code)).toEqual([`${code.split('\n').findIndex((l) => l.includes('Command::new("sh")')) + 1}:CWE-78:medium`]);
  });
});
