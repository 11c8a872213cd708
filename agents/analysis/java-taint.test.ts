import type { Finding } from '../protocol';
import { scanSecurity } from '../security-rules';
import { SourceFile } from '../source-file';
import { ALL_GRAMMARS, loadGrammars } from '../syntax/tree';

beforeAll(() => loadGrammars(ALL_GRAMMARS));

function scan(code: string, path = 'src/main/java/com/example/App.java'): Finding[] {
  return scanSecurity(new SourceFile(path, code));
}

/** `line:cwe:severity[:from line]` of each finding: what a reviewer reads first. */
function summary(code: string): string[] {
  return scan(code).map((f) => `${f.line}:${f.cwe}:${f.severity}${f.source ? `:from ${f.source.line}` : ''}`);
}

/** A servlet whose `doGet` body is `body` (its first line is line 12). */
function servlet(body: string, imports = ''): string {
  return `package com.example;

import java.io.*;
import java.nio.file.*;
import java.sql.*;
import java.util.*;
import javax.servlet.http.*;
${imports}
public class AppServlet extends HttpServlet {
    private javax.sql.DataSource dataSource;
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, SQLException {
${body
  .split('\n')
  .map((l) => `        ${l}`)
  .join('\n')}
    }
}
`;
}

/** A Spring controller whose handler body is `body` (the signature is line 10, the body starts at line 11). */
function controller(params: string, body: string, returns = 'String', mapping = '@GetMapping("/x")'): string {
  return `package com.example;

import java.util.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class AppController {
    ${mapping}
    public ${returns} handle(${params}) throws Exception {
${body
  .split('\n')
  .map((l) => `        ${l}`)
  .join('\n')}
    }
    private JdbcTemplate jdbc;
}
`;
}

describe('Java taint tracking: sources, propagation and what stops it', () => {
  it('follows a servlet parameter through assignments and a StringBuilder into JDBC', () => {
    const code = servlet(`String term = request.getParameter("q");
String trimmed = term.trim();
StringBuilder sql = new StringBuilder("SELECT id FROM products WHERE name = '");
sql.append(trimmed).append("'");
try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
    st.executeQuery(sql.toString());
}`);
    const [finding, ...rest] = scan(code);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule_id: 'sql-injection',
      cwe: 'CWE-89',
      severity: 'high',
      line: 17,
      source: { line: 12, code: 'request.getParameter("q")' },
      sink: { line: 17, code: 'st.executeQuery(sql.toString())' },
    });
  });

  it('takes a Spring handler parameter as input at the signature, through concatenation and String.format', () => {
    expect(summary(controller('@RequestParam String name', 'String q = "SELECT * FROM users WHERE name = \'" + name.trim() + "\'";\nreturn jdbc.queryForList(q).toString();'))).toEqual(['12:CWE-89:high:from 10']);
    expect(summary(controller('@PathVariable("id") String id', 'String q = String.format("DELETE FROM users WHERE id = %s", id);\njdbc.update(q);\nreturn "ok";'))).toEqual(['12:CWE-89:high:from 10']);
    // Unannotated simple parameters of a handler are request parameters too.
    expect(summary(controller('String sort', 'return jdbc.queryForList("SELECT * FROM users ORDER BY " + sort).toString();'))).toEqual(['11:CWE-89:high:from 10']);
  });

  it('drops taint at placeholders, numbers, a constant from a map, a constant-false branch and an allow list', () => {
    expect(summary(controller('@RequestParam String name', 'return jdbc.queryForList("SELECT * FROM users WHERE name = ?", name).toString();'))).toEqual([]);
    expect(summary(controller('@RequestParam String id', 'int n = Integer.parseInt(id);\nreturn jdbc.queryForList("SELECT * FROM users WHERE id = " + n).toString();'))).toEqual([]);
    expect(summary(controller('@RequestParam int id', 'return jdbc.queryForList("SELECT * FROM users WHERE id = " + id).toString();'))).toEqual([]);
    expect(
      summary(controller('@RequestParam String sort', 'Map<String, String> columns = new HashMap<>();\ncolumns.put("a", "name");\ncolumns.put("b", sort);\nString column = columns.get("a");\nreturn jdbc.queryForList("SELECT * FROM users ORDER BY " + column).toString();')),
    ).toEqual([]);
    expect(summary(controller('@RequestParam String sort', 'String column = "name";\nint num = 106;\nif ((7 * 18) + num < 200) {\n    column = sort;\n}\nreturn jdbc.queryForList("SELECT * FROM users ORDER BY " + column).toString();'))).toEqual([]);
    expect(
      summary(controller('@RequestParam String sort', 'if (!Set.of("name", "email").contains(sort)) {\n    return "bad sort";\n}\nreturn jdbc.queryForList("SELECT * FROM users ORDER BY " + sort).toString();')),
    ).toEqual([]);
    // The same branch with a condition that can be true is followed.
    expect(summary(controller('@RequestParam String sort, @RequestParam boolean custom', 'String column = "name";\nif (custom) {\n    column = sort;\n}\nreturn jdbc.queryForList("SELECT * FROM users ORDER BY " + column).toString();'))).toEqual([
      '15:CWE-89:high:from 10',
    ]);
  });

  it('takes a switch on a constant to its case, and a case as a check of its subject', () => {
    const pick = (guess: string) =>
      summary(servlet(`String param = request.getParameter("p");\nString bar;\nswitch ("ABC".charAt(${guess})) {\n    case 'A':\n    case 'C':\n        bar = param;\n        break;\n    default:\n        bar = "safe";\n}\ndataSource.getConnection().createStatement().execute("SELECT " + bar);`));
    expect(pick('1')).toEqual([]);
    expect(pick('2')).toEqual(['22:CWE-89:high:from 12']);
    expect(summary(servlet('String kind = request.getParameter("kind");\nswitch (kind) {\n    case "users":\n        dataSource.getConnection().createStatement().execute("SELECT * FROM " + kind);\n        break;\n    default:\n        return;\n}'))).toEqual([]);
  });

  it('follows list positions through add and remove', () => {
    const code = (index: number) =>
      servlet(`String param = request.getParameter("p");\nList<String> values = new ArrayList<>();\nvalues.add("safe");\nvalues.add(param);\nvalues.add("moresafe");\nvalues.remove(0);\ndataSource.getConnection().createStatement().execute("SELECT " + values.get(${index}));`);
    expect(summary(code(0))).toEqual(['18:CWE-89:high:from 12']);
    expect(summary(code(1))).toEqual([]);
  });

  it('rates a value of unknown origin built into SQL medium, and a constant not at all', () => {
    const code = `import java.sql.*;

class UserDao {
    private static final String TABLE = "users";

    ResultSet find(Statement st, String name) throws SQLException {
        return st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
    }

    ResultSet count(Statement st) throws SQLException {
        return st.executeQuery("SELECT COUNT(*) FROM " + TABLE);
    }

    PreparedStatement byIds(Connection c, List<Integer> ids) throws SQLException {
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            more.append("?,");
        }
        c.prepareStatement("SELECT * FROM t WHERE a IN (" + more.deleteCharAt(more.length() - 1) + ")");
        return c.prepareStatement(String.format("SELECT * FROM users WHERE id IN (%s)", marks));
    }
}
`;
    expect(summary(code)).toEqual(['7:CWE-89:medium']);
  });
});

describe('Java taint tracking: each weakness class', () => {
  it('reports shell commands built from input, not argument lists', () => {
    expect(summary(servlet('String host = request.getParameter("host");\nRuntime.getRuntime().exec(new String[] {"/bin/sh", "-c", "ping -c 1 " + host});'))).toEqual(['13:CWE-78:critical:from 12']);
    expect(
      summary(servlet('String host = request.getParameter("host");\nList<String> cmd = new ArrayList<>();\ncmd.add("bash");\ncmd.add("-c");\ncmd.add("nslookup " + host);\nProcess p = new ProcessBuilder(cmd).start();')),
    ).toEqual(['17:CWE-78:critical:from 12']);
    expect(summary(servlet('String host = request.getParameter("host");\nnew ProcessBuilder("ping", "-c", "1", "--", host).start();\nRuntime.getRuntime().exec(new String[] {"dig", host});'))).toEqual([]);
    // A shell chosen per operating system is a shell either way; the environment of a command is input too.
    expect(
      summary(servlet('String host = request.getParameter("host");\nString[] shell = System.getProperty("os.name").startsWith("Windows") ? new String[] {"cmd.exe", "/c"} : new String[] {"sh", "-c"};\nRuntime.getRuntime().exec(new String[] {shell[0], shell[1], "ping " + host});\nRuntime.getRuntime().exec("env", new String[] {"LANG=" + host});')),
    ).toEqual(['14:CWE-78:critical:from 12', '15:CWE-78:critical:from 12']);
  });

  it('reports scripts and expressions evaluated from input', () => {
    const code = controller(
      '@RequestParam String expr',
      'javax.script.ScriptEngine engine = new javax.script.ScriptEngineManager().getEngineByName("js");\nObject a = engine.eval(expr);\nObject b = new org.springframework.expression.spel.standard.SpelExpressionParser().parseExpression(expr).getValue();\nObject c = engine.eval("1 + 2");\nreturn String.valueOf(c);',
    );
    expect(summary(code)).toEqual(['12:CWE-94:critical:from 10', '13:CWE-94:critical:from 10']);
  });

  it('reports deserialisation of request data unless the stream is filtered', () => {
    expect(summary(servlet('ObjectInputStream in = new ObjectInputStream(request.getInputStream());\nObject state = in.readObject();'))).toEqual(['13:CWE-502:critical:from 12']);
    expect(summary(servlet('ObjectInputStream in = new ObjectInputStream(request.getInputStream());\nin.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.*;!*"));\nObject state = in.readObject();'))).toEqual([]);
    const jackson = (setup: string) =>
      controller('@RequestBody String json', `com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();\n${setup}\nObject event = mapper.readValue(json, Object.class);\nreturn "ok";`);
    expect(summary(jackson('mapper.activateDefaultTyping(mapper.getPolymorphicTypeValidator());'))).toEqual(['13:CWE-502:critical:from 10']);
    expect(summary(jackson('mapper.findAndRegisterModules();'))).toEqual([]);
    // A request body of bytes is request data, through the streams around it.
    expect(summary(controller('@RequestBody byte[] xml', 'try (java.beans.XMLDecoder decoder = new java.beans.XMLDecoder(new java.io.ByteArrayInputStream(xml))) {\n    return String.valueOf(decoder.readObject());\n}', 'String', '@PostMapping("/x")'))).toEqual(['12:CWE-502:critical:from 10']);
  });

  it('reports file paths from input, not base names or paths checked to stay under their folder', () => {
    expect(summary(servlet('String name = request.getParameter("file");\nbyte[] data = Files.readAllBytes(Paths.get("/srv/files", name));'))).toEqual(['13:CWE-22:high:from 12']);
    expect(summary(servlet('String name = Paths.get(request.getParameter("file")).getFileName().toString();\nbyte[] data = Files.readAllBytes(Paths.get("/srv/files").resolve(name));'))).toEqual([]);
    expect(
      summary(servlet('Path base = Paths.get("/srv/files");\nPath target = base.resolve(request.getParameter("file")).normalize();\nif (!target.startsWith(base)) {\n    response.sendError(403);\n    return;\n}\nFiles.readAllBytes(target);')),
    ).toEqual([]);
  });

  it('reports outgoing requests to a URL from input, not to an allowed or fixed host', () => {
    expect(summary(servlet('String url = request.getParameter("url");\ntry (InputStream in = new java.net.URL(url).openStream()) {\n    in.readAllBytes();\n}'))).toEqual(['13:CWE-918:high:from 12']);
    expect(summary(servlet('String id = request.getParameter("id");\nnew java.net.URL("https://api.example.com/users/" + id).openStream();\nnew java.net.URL(String.format("https://%s/users", id)).openStream();'))).toEqual(['14:CWE-918:high:from 12']);
    expect(
      summary(
        servlet(
          'java.net.URI uri = java.net.URI.create(request.getParameter("url"));\nif (!ALLOWED.contains(uri.getHost())) {\n    response.sendError(403);\n    return;\n}\ntry (InputStream in = uri.toURL().openStream()) {\n    in.readAllBytes();\n}',
        ).replace('public class AppServlet extends HttpServlet {', 'public class AppServlet extends HttpServlet {\n    private static final Set<String> ALLOWED = Set.of("api.example.com");'),
      ),
    ).toEqual([]);
  });

  it('reports redirects to input, with sendRedirect and a Spring "redirect:" view', () => {
    expect(summary(servlet('String next = request.getParameter("next");\nif (next == null) {\n    next = "/";\n}\nresponse.sendRedirect(next);'))).toEqual(['16:CWE-601:high:from 12']);
    const view = (value: string) => controller('@RequestParam String next', `return ${value};`).replace('@RestController', '@org.springframework.stereotype.Controller');
    expect(summary(view('"redirect:" + next'))).toEqual(['11:CWE-601:high:from 10']);
    expect(summary(view('"redirect:/home"'))).toEqual([]);
    // A fixed path keeps the user on the site whatever follows it.
    expect(summary(view('"redirect:/orders/" + next'))).toEqual([]);
    expect(summary(servlet('response.sendRedirect("/orders/" + request.getParameter("id"));\nresponse.sendRedirect("//" + request.getParameter("host"));'))).toEqual(['13:CWE-601:high:from 13']);
  });

  it('reports input written into HTML, not escaped or sent as JSON', () => {
    expect(summary(servlet('String q = request.getParameter("q");\nresponse.setContentType("text/html");\nresponse.getWriter().println("<h1>" + q + "</h1>");'))).toEqual(['14:CWE-79:high:from 12']);
    expect(summary(servlet('String q = request.getParameter("q");\nresponse.setContentType("application/json");\nresponse.getWriter().println("{\\"q\\": \\"" + q + "\\"}");'))).toEqual([]);
    expect(summary(controller('@RequestParam String name', 'return "<p>Hello " + name + "</p>";'))).toEqual(['11:CWE-79:high:from 10']);
    expect(summary(controller('@RequestParam String name', 'return "<p>Hello " + org.springframework.web.util.HtmlUtils.htmlEscape(name) + "</p>";'))).toEqual([]);
    expect(summary(controller('@RequestParam String name', 'return "Hello " + name;', 'String', '@GetMapping(value = "/x", produces = "text/plain")'))).toEqual([]);
  });

  it('reports XML parsers that resolve external entities, unless the code disables them', () => {
    const parse = (setup: string) =>
      servlet(`javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();\n${setup}\ndbf.newDocumentBuilder().parse(request.getInputStream());`);
    expect(summary(parse('dbf.setNamespaceAware(true);'))).toEqual(['14:CWE-611:high:from 14']);
    expect(summary(parse('dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);'))).toEqual([]);
    expect(summary(parse('boolean allow = false;\nif (7 * 3 > 100) {\n    allow = true;\n}\ndbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allow);'))).toEqual([]);
  });

  it('reports XPath and LDAP queries built from input, not variables or encoded values', () => {
    const xpath = servlet(
      'String name = request.getParameter("name");\njavax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();\nxpath.evaluate("//user[@name=\'" + name + "\']", doc);\nxpath.evaluate("//user[@name=$name]", doc);',
    );
    expect(summary(xpath)).toEqual(['14:CWE-643:high:from 12']);
    const ldap = (filter: string) =>
      servlet(`String user = request.getParameter("user");\nctx.search("ou=people,dc=example,dc=com", ${filter}, new javax.naming.directory.SearchControls());`).replace(
        'private javax.sql.DataSource dataSource;',
        'private javax.naming.directory.DirContext ctx;',
      );
    expect(summary(ldap('"(uid=" + user + ")"'))).toEqual(['13:CWE-90:high:from 12']);
    expect(summary(ldap('"(uid=" + org.springframework.ldap.support.LdapEncoder.filterEncode(user) + ")"'))).toEqual([]);
  });

  it('takes JPA criteria and Spring LDAP filter objects as parameterised, and a repository row as stored data', () => {
    const code = `package com.example;

import javax.persistence.EntityManager;
import javax.persistence.criteria.*;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.filter.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class Directory {
    private EntityManager em;
    private LdapTemplate ldap;
    private UserRepository users;

    @GetMapping("/people")
    public Object people(@RequestParam String name) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<User> cq = cb.createQuery(User.class);
        Root<User> root = cq.from(User.class);
        em.createQuery(cq.select(root).where(cb.equal(root.get("name"), name))).getResultList();
        AndFilter filter = new AndFilter();
        filter.and(new EqualsFilter("objectclass", "person")).and(new EqualsFilter("cn", name));
        ldap.search("ou=people", filter.encode(), (AttributesMapper<String>) a -> "x");
        User user = users.findByName(name);
        return em.createNativeQuery("SELECT * FROM audit WHERE owner = '" + user.getLogin() + "'").getResultList();
    }
}
`;
    expect(summary(code)).toEqual(['25:CWE-89:medium']);
  });

  it('reports request data stored in the session', () => {
    expect(summary(servlet('String role = request.getParameter("role");\nrequest.getSession().setAttribute("role", role);'))).toEqual(['13:CWE-501:medium:from 12']);
    expect(summary(servlet('request.getSession().setAttribute("role", "viewer");'))).toEqual([]);
  });

  it('checks hashes, random values and cookies by what the code does', () => {
    const code = `package com.example;

import java.security.MessageDigest;
import java.util.Random;
import javax.servlet.http.*;

public class Accounts {
    private final Random random = new Random();

    byte[] hashPassword(String password) throws Exception {
        return MessageDigest.getInstance("MD5").digest(password.getBytes());
    }

    byte[] etag(byte[] body) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(body);
    }

    String newResetToken() {
        return Long.toHexString(random.nextLong());
    }

    long jitter() {
        return random.nextInt(500);
    }

    String remember() {
        long l = new Random().nextLong();
        String rememberMeKey = Long.toString(l);
        return rememberMeKey;
    }

    void login(HttpServletResponse response, String sessionId) {
        Cookie cookie = new Cookie("SESSION", sessionId);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        Cookie secure = new Cookie("SESSION", sessionId);
        secure.setSecure(true);
        response.addCookie(secure);
        response.addCookie(new Cookie("theme", "dark"));
    }
}
`;
    expect(summary(code)).toEqual(['11:CWE-328:high', '15:CWE-327:low', '19:CWE-330:high', '27:CWE-330:high', '35:CWE-614:medium']);
  });
});
