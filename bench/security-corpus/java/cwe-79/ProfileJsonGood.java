package com.example.profile.web;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileJsonGood {
    @PostMapping(value = "/profile/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> preview(@RequestParam String displayName, @RequestParam(defaultValue = "") String bio) {
        return Map.of("displayName", displayName, "bioLines", bio.split("\n"));
    }
}
