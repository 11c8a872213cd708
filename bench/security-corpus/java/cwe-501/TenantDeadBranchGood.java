package com.example.tenancy.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class TenantDeadBranchGood extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String tenant = req.getHeader("X-Tenant-Id");
        String chosen;
        int num = 106;
        if ((7 * 18) + num > 200) {
            chosen = "public";
        } else {
            chosen = tenant;
        }
        req.getSession().setAttribute("tenantId", chosen);
        resp.sendRedirect("/workspace/");
    }
}
