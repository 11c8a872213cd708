package com.example.errors.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ErrorPagePrintfBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String reason = req.getParameter("reason");
        resp.setStatus(500);
        resp.setContentType("text/html");
        resp.getWriter().printf("<h1>Something went wrong</h1><p>Reason: %s</p>", reason);
    }
}
