/**
 * The fix a finding suggests, in the file's own language: the class's advice
 * (`WEAKNESS_CLASSES`) followed by an example written the way that language's code does it.
 */

type Examples = Partial<Record<'python' | 'javascript' | 'typescript' | 'go' | 'rust' | 'java', string>>;

const JS = (example: string): Examples => ({ javascript: example, typescript: example });

const EXAMPLES: Record<string, Examples> = {
  'CWE-89': {
    python: 'cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))',
    ...JS("db.query('SELECT * FROM users WHERE id = $1', [id])"),
    go: 'db.Query("SELECT * FROM users WHERE id = $1", id)',
    rust: 'sqlx::query("SELECT * FROM users WHERE id = $1").bind(id)',
    java: 'PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?"); ps.setString(1, id);',
  },
  'CWE-78': {
    python: 'subprocess.run(["git", "log", branch], check=True)',
    ...JS("execFile('git', ['log', branch])"),
    go: 'exec.Command("git", "log", branch)',
    rust: 'Command::new("git").arg("log").arg(&branch)',
    java: 'new ProcessBuilder("git", "log", branch).start()',
  },
  'CWE-94': {
    python: 'ast.literal_eval(text) or json.loads(text)',
    ...JS('JSON.parse(text), or a lookup in a Map of allowed handlers'),
    java: 'a lookup in a Map of allowed handlers instead of ScriptEngine.eval',
    go: 'a map of allowed functions instead of an embedded interpreter',
  },
  'CWE-502': {
    python: 'json.loads(body) or yaml.safe_load(body)',
    ...JS('JSON.parse(body)'),
    java: 'a JSON mapper bound to a fixed class (ObjectMapper.readValue(body, Order.class)), or an ObjectInputFilter',
  },
  'CWE-22': {
    python: 'path = os.path.realpath(os.path.join(BASE, name)); if not path.startswith(BASE + os.sep): abort(400)',
    ...JS("const full = path.resolve(BASE, name); if (!full.startsWith(BASE + path.sep)) return res.sendStatus(400);"),
    go: 'full := filepath.Join(base, filepath.Base(name))',
    rust: 'let full = base.join(Path::new(&name).file_name().ok_or(Error)?);',
    java: 'Path full = base.resolve(name).normalize(); if (!full.startsWith(base)) throw new IllegalArgumentException();',
  },
  'CWE-79': {
    python: 'html.escape(name), or render_template with auto-escaping',
    ...JS('escapeHtml(name), or a template engine that escapes by default'),
    go: 'html/template, or html.EscapeString(name)',
    rust: 'a template engine that escapes (askama, tera), or html_escape::encode_text(&name)',
    java: 'HtmlUtils.htmlEscape(name), or a template engine that escapes by default',
  },
  'CWE-330': {
    python: 'secrets.token_urlsafe(32)',
    ...JS("crypto.randomBytes(32).toString('hex')"),
    go: 'crypto/rand: rand.Read(b)',
    rust: 'rand::rngs::OsRng',
    java: 'new SecureRandom()',
  },
  'CWE-328': {
    python: 'argon2.PasswordHasher().hash(password), or hashlib.pbkdf2_hmac',
    ...JS('await argon2.hash(password), or bcrypt.hash(password, 12)'),
    go: 'bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)',
    rust: 'argon2::Argon2::default().hash_password(...)',
    java: 'new BCryptPasswordEncoder().encode(password)',
  },
  'CWE-614': {
    python: 'resp.set_cookie("session", value, secure=True, httponly=True, samesite="Lax")',
    ...JS("res.cookie('session', value, { secure: true, httpOnly: true, sameSite: 'lax' })"),
    go: 'http.SetCookie(w, &http.Cookie{Name: "session", Value: v, Secure: true, HttpOnly: true})',
    rust: 'Cookie::build(("session", v)).secure(true).http_only(true)',
    java: 'cookie.setSecure(true); cookie.setHttpOnly(true);',
  },
  'CWE-611': {
    python: 'defusedxml.ElementTree.fromstring(body)',
    ...JS('libxmljs.parseXml(body) without noent'),
    java: 'factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)',
  },
};

/** The class's advice with an example in `language`, when there is one. */
export function suggestionFor(cwe: string, language: string, advice: string): string {
  const example = EXAMPLES[cwe]?.[language as keyof Examples];
  return example ? `${advice} For example: ${example}` : advice;
}
