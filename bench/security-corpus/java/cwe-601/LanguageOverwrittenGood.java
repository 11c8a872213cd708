package com.example.i18n.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LanguageOverwrittenGood extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String target = req.getHeader("Referer");
        if (target == null) {
            target = "/";
        }
        target = "/settings/language";
        resp.sendRedirect(target);
    }
}
