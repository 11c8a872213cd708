package com.example.search.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.digest.DigestUtils;

public class SearchCacheKeyMd5Good {
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();
    private final SearchBackend backend;

    public SearchCacheKeyMd5Good(SearchBackend backend) {
        this.backend = backend;
    }

    public List<String> search(String query, int page) {
        String key = "search:" + DigestUtils.md5Hex(query + "|" + page);
        return cache.computeIfAbsent(key, k -> backend.run(query, page));
    }

    public interface SearchBackend {
        List<String> run(String query, int page);
    }
}
