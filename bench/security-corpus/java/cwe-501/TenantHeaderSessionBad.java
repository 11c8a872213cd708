package com.example.tenancy.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class TenantHeaderSessionBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String tenant = req.getHeader("X-Tenant-Id");
        String chosen;
        if (tenant != null && !tenant.isBlank()) {
            chosen = tenant.toLowerCase();
        } else {
            chosen = "public";
        }
        HttpSession session = req.getSession();
        session.setAttribute("tenantId", chosen);
        resp.sendRedirect("/workspace/");
    }
}
