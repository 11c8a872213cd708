package com.example.i18n.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LanguageRefererBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String lang = req.getParameter("lang") == null ? "en" : req.getParameter("lang");
        String back = req.getHeader("Referer");
        String target;
        if (back != null) {
            target = back;
        } else {
            target = "/?lang=" + lang;
        }
        resp.sendRedirect(target);
    }
}
