package com.example.sso.web;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SsoCookieSessionBad extends HttpServlet {
    @Override
    @SuppressWarnings("deprecation")
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String account = null;
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if ("sso_account".equals(c.getName())) {
                    account = c.getValue();
                }
            }
        }
        req.getSession().putValue("userId", account);
        resp.sendRedirect("/home");
    }
}
