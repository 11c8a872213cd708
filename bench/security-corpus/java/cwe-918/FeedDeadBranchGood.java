package com.example.feeds.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FeedDeadBranchGood {
    @PostMapping("/feeds/import")
    public int importFeed(@RequestParam(defaultValue = "") String origin) throws IOException {
        String feedUrl = "https://news.example.com/rss.xml";
        if (7 * 3 > 100) {
            feedUrl = origin;
        }
        try (InputStream in = new URL(feedUrl).openStream()) {
            return in.readAllBytes().length;
        }
    }
}
