package com.example.ui.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ThemeCookieEchoBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String theme = "light";
        Cookie[] cookies = request.getCookies();
        for (int i = 0; cookies != null && i < cookies.length; i++) {
            if ("theme".equals(cookies[i].getName())) {
                theme = cookies[i].getValue();
            }
        }
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        out.print("<body class='" + theme + "'><div id='app'></div></body>");
    }
}
