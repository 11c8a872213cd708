package com.example.auth.web;

import java.io.IOException;
import java.net.URI;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LoginNextRelativeGood extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String next = request.getParameter("next");
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
        if (local) {
            URI parsed = URI.create(next);
            local = parsed.getScheme() == null && parsed.getHost() == null;
        }
        response.sendRedirect(local ? next : "/home");
    }
}
