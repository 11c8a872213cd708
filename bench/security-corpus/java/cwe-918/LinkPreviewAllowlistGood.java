package com.example.links.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LinkPreviewAllowlistGood extends HttpServlet {
    private static final Set<String> ALLOWED_HOSTS = Set.of("images.example.com", "cdn.example.com");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        URI uri = URI.create(request.getParameter("url"));
        if (!"https".equals(uri.getScheme()) || !ALLOWED_HOSTS.contains(uri.getHost())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        try (InputStream in = uri.toURL().openStream()) {
            response.getWriter().print(in.readNBytes(65536).length);
        }
    }
}
