package com.example.feeds.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FeedImportConnectionBad {
    @PostMapping("/feeds/import")
    public int importFeed(@RequestHeader("X-Feed-Origin") String origin) throws IOException {
        String feedUrl;
        if (origin.startsWith("https://")) {
            feedUrl = origin + "/rss.xml";
        } else {
            feedUrl = "https://" + origin + "/rss.xml";
        }
        HttpURLConnection conn = (HttpURLConnection) new URL(feedUrl).openConnection();
        conn.setConnectTimeout(5000);
        try (InputStream in = conn.getInputStream()) {
            return in.readAllBytes().length;
        }
    }
}
