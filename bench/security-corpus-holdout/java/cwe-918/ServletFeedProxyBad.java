package com.example.news;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/feed-proxy")
public class ServletFeedProxyBad extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String feed = req.getParameter("src");
        URL url = new URL(feed);
        resp.setContentType("application/rss+xml");
        try (InputStream in = url.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
