import type { Finding } from '../protocol';
import { scanSecurity } from '../security-rules';
import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function scan(code: string, path = 'internal/handlers/handlers.go'): Finding[] {
  return scanSecurity(new SourceFile(path, code));
}

/** `line:cwe:severity[:from source line]` of each finding: what a reviewer reads first. */
function summary(code: string): string[] {
  return scan(code).map((f) => `${f.line}:${f.cwe}:${f.severity}${f.source ? `:from ${f.source.line}` : ''}`);
}

/** A net/http handler of `body` (its first line is line 15), with the usual imports. */
function handler(body: string): string {
  return `package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

func Handle(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
${body
  .split('\n')
  .map((l) => `\t\t${l}`)
  .join('\n')}
	}
}

var _ = []any{exec.Command, strconv.Atoi, strings.ToLower, fmt.Sprintf, slices.Contains[[]string]}
`;
}

describe('Go taint tracking: SQL injection', () => {
  it('follows a query parameter through assignments and string building into db.Query', () => {
    const code = handler(`name := strings.TrimSpace(r.URL.Query().Get("name"))
filter := "name = '" + name + "'"
query := fmt.Sprintf("SELECT id FROM users WHERE %s", filter)
rows, _ := db.Query(query)
defer rows.Close()`);
    const [finding] = scan(code);
    expect(finding).toMatchObject({
      rule_id: 'sql-injection',
      cwe: 'CWE-89',
      severity: 'high',
      line: 18,
      source: { line: 15, code: 'r.URL.Query().Get("name")' },
      sink: { line: 18, code: 'db.Query(query)' },
    });
    expect(scan(code)).toHaveLength(1);
  });

  it('does not report placeholders, numbers, a constant from a map or a constant-false branch', () => {
    expect(summary(handler('rows, _ := db.Query("SELECT id FROM users WHERE name = $1", r.FormValue("name"))\ndefer rows.Close()'))).toEqual([]);
    expect(summary(handler('id, err := strconv.Atoi(r.FormValue("id"))\nif err != nil {\n\treturn\n}\ndb.Exec(fmt.Sprintf("DELETE FROM users WHERE id = %d", id))'))).toEqual([]);
    expect(summary(handler('columns := map[string]string{"name": "name", "user": r.FormValue("sort")}\ndb.Query("SELECT id FROM users ORDER BY " + columns["name"])'))).toEqual([]);
    expect(summary(handler('column := "name"\nif 7*3 > 100 {\n\tcolumn = r.FormValue("sort")\n}\ndb.Query("SELECT id FROM users ORDER BY " + column)'))).toEqual([]);
    // The same branch with a condition that can hold is followed.
    expect(summary(handler('column := "name"\nif r.FormValue("custom") != "" {\n\tcolumn = r.FormValue("sort")\n}\ndb.Query("SELECT id FROM users ORDER BY " + column)'))).toEqual(['19:CWE-89:high:from 17']);
  });

  it('reads a JSON body decoded into a struct, and gin parameters', () => {
    const code = `package api

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type lookup struct {
	Email string \`json:"email"\`
}

func Lookup(db *gorm.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req lookup
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		var id int
		db.Raw("SELECT id FROM accounts WHERE email = '" + req.Email + "'").Scan(&id)
	}
}

func Invoice(db *gorm.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		var body struct{ Ref string }
		if err := c.ShouldBindJSON(&body); err != nil {
			return
		}
		db.Where("ref = '" + body.Ref + "' AND owner = " + c.Param("owner")).First(&struct{}{})
		db.Where("ref = ? AND owner = ?", body.Ref, c.Param("owner")).First(&struct{}{})
	}
}
`;
    expect(summary(code)).toEqual(['23:CWE-89:high:from 18', '33:CWE-89:high:from 30']);
  });

  it('rates a parameter of an ordinary function built into SQL medium, and a constant not at all', () => {
    const code = `package store

import "database/sql"

const table = "users"

func Count(db *sql.DB, where string) {
	db.QueryRow("SELECT COUNT(*) FROM " + table + " WHERE " + where)
	db.QueryRow("SELECT COUNT(*) FROM " + table)
}
`;
    expect(summary(code)).toEqual(['8:CWE-89:medium']);
  });
});

describe('Go taint tracking: allow-lists', () => {
  it('takes a switch on constants, slices.Contains, a map lookup and != chains as validation', () => {
    const code = (body: string) => handler(`${body}\ndb.Query("SELECT id FROM users ORDER BY " + sort)`);
    expect(summary(code('sort := r.FormValue("sort")\nswitch sort {\ncase "name", "created_at":\ndefault:\n\tsort = "id"\n}'))).toEqual([]);
    expect(summary(code('sort := r.FormValue("sort")\nif !slices.Contains([]string{"name", "created_at"}, sort) {\n\treturn\n}'))).toEqual([]);
    expect(summary(code('sort := r.FormValue("sort")\nif sort != "name" && sort != "created_at" {\n\treturn\n}'))).toEqual([]);
    expect(summary(code('sort := r.FormValue("sort")\nif _, ok := map[string]bool{"name": true}[sort]; !ok {\n\treturn\n}'))).toEqual([]);
    expect(summary(code('sort := r.FormValue("sort")\nif strings.Contains(sort, ";") || strings.Contains(sort, "--") {\n\treturn\n}'))).toEqual([]);
    // A check that does not stop the handler validates nothing.
    expect(summary(code('sort := r.FormValue("sort")\nif sort != "name" && sort != "created_at" {\n\tfmt.Println("unknown sort")\n}'))).toEqual(['19:CWE-89:high:from 15']);
  });
});

describe('Go taint tracking: commands, code and paths', () => {
  it('reports a shell script built from input, not an argument list', () => {
    expect(summary(handler('host := r.URL.Query().Get("host")\nexec.Command("sh", "-c", "ping -c 1 "+host).Run()'))).toEqual(['16:CWE-78:critical:from 15']);
    expect(summary(handler('host := r.URL.Query().Get("host")\nexec.Command("ping", "-c", "1", "--", host).Run()'))).toEqual([]);
    // Validated by an anchored pattern before use, with an early return.
    const validated = `package tools

import (
	"net/http"
	"os/exec"
	"regexp"
)

var hostname = regexp.MustCompile(\`^[a-z0-9.-]+$\`)

func Lookup(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	if !hostname.MatchString(host) {
		http.Error(w, "bad host", http.StatusBadRequest)
		return
	}
	exec.Command("/bin/sh", "-c", "dig +short "+host).Run()
}
`;
    expect(summary(validated)).toEqual([]);
    expect(summary(validated.replace('\t\treturn\n', ''))).toEqual(['16:CWE-78:critical:from 12']);
    // A parameter of an ordinary function in a shell command: of unknown origin.
    expect(summary('package ops\n\nimport "os/exec"\n\nfunc Archive(dir string) {\n\texec.Command("bash", "-c", "tar czf out.tgz "+dir).Run()\n}\n')).toEqual(['6:CWE-78:medium']);
  });

  it('reports scripts run by JavaScript engines', () => {
    const code = `package rules

import (
	"net/http"

	"github.com/dop251/goja"
)

const fixed = "1 + 1"

func Eval(w http.ResponseWriter, r *http.Request) {
	vm := goja.New()
	vm.RunString(r.FormValue("script"))
	vm.RunString(fixed)
}
`;
    expect(summary(code)).toEqual(['13:CWE-94:critical:from 13']);
  });

  it('reports file paths from input unless reduced to a base name or checked against the root', () => {
    const code = (body: string) => `package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const root = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
${body}
}

var _ = []any{os.Open, filepath.Base, strings.HasPrefix}
`;
    expect(summary(code('\thttp.ServeFile(w, r, filepath.Join(root, r.FormValue("name")))'))).toEqual(['13:CWE-22:high:from 13']);
    expect(summary(code('\thttp.ServeFile(w, r, filepath.Join(root, filepath.Base(r.FormValue("name"))))'))).toEqual([]);
    expect(
      summary(code('\tfull := filepath.Clean(filepath.Join(root, r.FormValue("name")))\n\tif !strings.HasPrefix(full, root+"/") {\n\t\thttp.Error(w, "no", http.StatusBadRequest)\n\t\treturn\n\t}\n\tf, _ := os.Open(full)\n\tdefer f.Close()')),
    ).toEqual([]);
    // A prefix check on a path that was not cleaned does not stop `../`.
    expect(summary(code('\tfull := root + "/" + r.FormValue("name")\n\tif !strings.HasPrefix(full, root) {\n\t\treturn\n\t}\n\tos.Remove(full)'))).toEqual(['17:CWE-22:high:from 13']);
  });
});

describe('Go taint tracking: requests, redirects and responses', () => {
  it('reports outgoing requests to a URL from input, not to a fixed host', () => {
    const code = (body: string) => `package proxy

import (
	"net/http"
	"net/url"
)

var allowed = map[string]bool{"api.example.com": true}

func Fetch(w http.ResponseWriter, r *http.Request) {
${body}
}

var _ = url.QueryEscape
`;
    expect(summary(code('\ttarget := r.URL.Query().Get("url")\n\thttp.Get(target)'))).toEqual(['12:CWE-918:high:from 11']);
    expect(summary(code('\thttp.Get("https://api.example.com/search?q=" + url.QueryEscape(r.FormValue("q")))'))).toEqual([]);
    expect(summary(code('\thttp.Get("https://" + r.FormValue("host") + "/status")'))).toEqual(['11:CWE-918:high:from 11']);
    expect(summary(code('\tu, err := url.Parse(r.FormValue("url"))\n\tif err != nil || u.Host != "api.example.com" {\n\t\treturn\n\t}\n\thttp.Get(u.String())'))).toEqual([]);
  });

  it('reports redirects to input, not to a local path or an allow-listed page', () => {
    const code = (body: string) => `package auth

import (
	"net/http"
	"strings"
)

var pages = map[string]string{"home": "/", "docs": "/docs"}

func Done(w http.ResponseWriter, r *http.Request) {
${body}
}

var _ = strings.HasPrefix
`;
    expect(summary(code('\tnext := r.URL.Query().Get("next")\n\tif next == "" {\n\t\tnext = "/"\n\t}\n\thttp.Redirect(w, r, next, http.StatusFound)'))).toEqual(['15:CWE-601:high:from 11']);
    expect(summary(code('\thttp.Redirect(w, r, "/orders/"+r.FormValue("id"), http.StatusFound)'))).toEqual([]);
    expect(summary(code('\tnext, ok := pages[r.FormValue("next")]\n\tif !ok {\n\t\tnext = "/"\n\t}\n\thttp.Redirect(w, r, next, http.StatusFound)'))).toEqual([]);
    expect(summary(code('\tnext := r.FormValue("next")\n\tif !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {\n\t\tnext = "/"\n\t}\n\thttp.Redirect(w, r, next, http.StatusFound)'))).toEqual([]);
    expect(summary(code('\tnext := r.FormValue("next")\n\tif !strings.HasPrefix(next, "/") {\n\t\tnext = "/"\n\t}\n\thttp.Redirect(w, r, next, http.StatusFound)'))).toEqual(['15:CWE-601:high:from 11']);
    // `strings.HasPrefix(next, "/")` alone lets `//evil.example` through: still reported.
    expect(summary(code('\tnext := r.FormValue("next")\n\tw.Header().Set("Location", next)\n\tw.WriteHeader(http.StatusFound)'))).toEqual(['12:CWE-601:high:from 11']);
  });

  it('reports input written into an HTML response, not escaped or JSON or plain text', () => {
    const code = (body: string) => `package web

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"net/http"
)

func Page(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
${body}
}

var _ = []any{json.Marshal, html.EscapeString, template.HTML, fmt.Sprint}
`;
    expect(summary(code('\tfmt.Fprintf(w, "<h1>Results for %s</h1>", q)'))).toEqual(['13:CWE-79:high:from 12']);
    expect(summary(code('\tfmt.Fprintf(w, "<h1>Results for %s</h1>", html.EscapeString(q))'))).toEqual([]);
    expect(summary(code('\tjson.NewEncoder(w).Encode(map[string]string{"q": q})'))).toEqual([]);
    expect(summary(code('\tw.Header().Set("Content-Type", "text/plain")\n\tw.Write([]byte("<p>" + q))'))).toEqual([]);
    // net/http sniffs text that does not start with markup as text/plain.
    expect(summary(code('\tfmt.Fprintf(w, "no results for %s", q)'))).toEqual([]);
    expect(summary(code('\tview := map[string]any{"Bio": template.HTML(q)}\n\t_ = view'))).toEqual(['13:CWE-79:high:from 12']);
  });
});

describe('Go taint tracking: XPath, LDAP and the session', () => {
  it('reports an XPath query built from input unless validated', () => {
    const code = `package legacy

import (
	"net/http"
	"regexp"

	"github.com/antchfx/xmlquery"
)

var digits = regexp.MustCompile(\`^[0-9]+$\`)

func Find(doc *xmlquery.Node) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user := r.PostFormValue("user")
		xmlquery.Find(doc, "//user[name='"+user+"']")
		pin := r.PostFormValue("pin")
		if !digits.MatchString(pin) {
			return
		}
		xmlquery.Find(doc, "//user[pin='"+pin+"']")
	}
}
`;
    expect(summary(code)).toEqual(['15:CWE-643:high:from 14']);
  });

  it('reports an LDAP filter built from input unless escaped', () => {
    const code = `package directory

import (
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func Lookup(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		uid := r.URL.Query().Get("uid")
		conn.Search(ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+uid+")", nil, nil))
		conn.Search(ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+ldap.EscapeFilter(uid)+")", nil, nil))
	}
}
`;
    expect(summary(code)).toEqual(['12:CWE-90:high:from 11']);
  });

  it('reports request data stored in the session, not a constant', () => {
    const code = `package web

import (
	"net/http"

	"github.com/gorilla/sessions"
)

func Save(store sessions.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, _ := store.Get(r, "app")
		sess.Values["name"] = r.FormValue("name")
		sess.Values["theme"] = "dark"
		sess.Save(r, w)
	}
}
`;
    expect(summary(code)).toEqual(['12:CWE-501:medium:from 12']);
  });
});

describe('Go: weak hashes, weak randomness and cookies', () => {
  it('tells a password hash from a checksum, and a token from jitter', () => {
    const code = `package accounts

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"math/big"
	mrand "math/rand"
	"net/http"
	"time"
)

func HashPassword(password string) string {
	sum := sha1.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func ETag(body []byte) string {
	sum := md5.Sum(body)
	return hex.EncodeToString(sum[:])
}

func NewResetToken() string {
	return hex.EncodeToString([]byte{byte(mrand.Intn(256))})
}

func Backoff(attempt int) time.Duration {
	return time.Duration(mrand.Int63n(int64(attempt * 100)))
}

func NewSessionID() (*big.Int, error) {
	return rand.Int(rand.Reader, big.NewInt(1<<62))
}

func Login(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: token, HttpOnly: true})
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: token, HttpOnly: true, Secure: true})
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: "en"})
}
`;
    expect(summary(code)).toEqual(['15:CWE-328:high', '20:CWE-327:low', '25:CWE-330:high', '37:CWE-614:medium']);
  });
});

describe('Go: generated code', () => {
  it('reads very long concatenations, call chains, switches and else-if chains without running out of stack', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `"a${i}"`).join(' + ');
    const chain = Array.from({ length: 2000 }, () => 'Next()').join('.');
    const cases = Array.from({ length: 2000 }, (_, i) => `\tcase "k${i}":\n\t\treturn ${i}`).join('\n');
    const ifs = Array.from({ length: 2000 }, (_, i) => `if x == "k${i}" {\n\t\treturn ${i}\n\t}`).join(' else ');
    const code = `package gen

import "os/exec"

var blob = ${terms}

func Walk(n Node) { n.${chain} }

func Switch(x string) int {
	switch x {
${cases}
	}
	return 0
}

func Chain(x string) int {
	${ifs}
	exec.Command("sh", "-c", "echo "+x).Run()
	return 0
}
`;
    expect(summary(code)).toEqual([`${code.split('\n').findIndex((l) => l.includes('exec.Command("sh"')) + 1}:CWE-78:medium`]);
  });
});
