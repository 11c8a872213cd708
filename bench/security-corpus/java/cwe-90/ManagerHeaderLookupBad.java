package com.example.hr.web;

import java.io.IOException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ManagerHeaderLookupBad extends HttpServlet {
    private DirContext ctx;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String employee = req.getHeader("X-Employee-Id");
        String filter = "(&(objectClass=person)(uid=" + employee.trim() + "))";
        SearchControls sc = new SearchControls();
        sc.setReturningAttributes(new String[] {"manager"});
        try {
            NamingEnumeration<SearchResult> res = ctx.search("ou=people,dc=example,dc=com", filter, sc);
            resp.getWriter().println(res.hasMore() ? res.next().getAttributes().get("manager") : "none");
        } catch (NamingException e) {
            resp.sendError(502);
        }
    }
}
