package com.example.links.web;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ShortlinkMapGood extends HttpServlet {
    private static final Map<String, String> LINKS = Map.of(
            "docs", "https://docs.example.com/",
            "blog", "https://blog.example.com/",
            "status", "https://status.example.com/");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = LINKS.get(request.getParameter("u"));
        if (target == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.sendRedirect(target);
    }
}
