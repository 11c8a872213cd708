package com.example.gallery.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class GalleryPageIntGood extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int page = Integer.parseInt(req.getParameter("page"));
        int perPage = 24;
        int start = (page - 1) * perPage;
        resp.setContentType("text/html");
        resp.getWriter().println("<p>Showing items " + (start + 1) + " to " + (start + perPage) + " (page " + page + ")</p>");
    }
}
