package com.example.news;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/feed-proxy")
public class ServletFeedProxyGood extends HttpServlet {

    private static final Map<String, String> FEEDS = Map.of(
            "world", "https://feeds.example-news.com/world.rss",
            "tech", "https://feeds.example-news.com/tech.rss",
            "sport", "https://feeds.example-news.com/sport.rss");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String feed = FEEDS.get(req.getParameter("src"));
        if (feed == null) {
            resp.sendError(404);
            return;
        }
        URL url = new URL(feed);
        resp.setContentType("application/rss+xml");
        try (InputStream in = url.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}
