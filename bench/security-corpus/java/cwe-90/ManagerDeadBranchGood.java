package com.example.hr.web;

import java.io.IOException;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ManagerDeadBranchGood extends HttpServlet {
    private DirContext ctx;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String employee = req.getHeader("X-Employee-Id");
        String uid = "helpdesk";
        if (7 * 3 > 100) {
            uid = employee;
        }
        try {
            boolean exists = ctx.search("ou=people,dc=example,dc=com", "(uid=" + uid + ")", new SearchControls()).hasMore();
            resp.getWriter().println(exists);
        } catch (NamingException e) {
            resp.sendError(502);
        }
    }
}
