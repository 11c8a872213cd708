package com.example.links.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/link/preview")
public class LinkPreviewOpenStreamBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String target = request.getParameter("url");
        URL url = new URL(target);
        try (InputStream in = url.openStream()) {
            String html = new String(in.readNBytes(65536), StandardCharsets.UTF_8);
            int start = html.indexOf("<title>");
            int end = html.indexOf("</title>");
            String title = start >= 0 && end > start ? html.substring(start + 7, end) : "";
            response.setContentType("application/json");
            response.getWriter().print("{\"length\":" + title.length() + "}");
        }
    }
}
