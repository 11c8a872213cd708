package com.example.people.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class DirectoryUserIdGood {
    private static final String DIRECTORY_API = "https://directory.internal.example.com/api/users/";
    private final RestTemplate rest = new RestTemplate();

    @GetMapping("/people")
    @SuppressWarnings("unchecked")
    public Map<String, Object> person(@RequestParam("id") String id) {
        long userId = Long.parseLong(id);
        return rest.getForObject(DIRECTORY_API + userId, Map.class);
    }
}
