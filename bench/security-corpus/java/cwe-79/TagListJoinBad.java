package com.example.blog.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class TagListJoinBad extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] tags = req.getParameterValues("tag");
        List<String> items = new ArrayList<>();
        if (tags != null) {
            for (String t : tags) {
                items.add("<li>" + t.toLowerCase() + "</li>");
            }
        }
        resp.setContentType("text/html");
        resp.getWriter().println("<ul class='tags'>" + String.join("", items) + "</ul>");
    }
}
