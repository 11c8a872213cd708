package com.example.console.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.console.ApiKeys;

public class ApiKeySetHeaderBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String apiKey = ApiKeys.current();
        resp.setHeader("Set-Cookie", "api_key=" + apiKey + "; Path=/; HttpOnly");
        resp.setContentType("text/html");
        resp.getWriter().print("<html><body>console</body></html>");
    }
}
