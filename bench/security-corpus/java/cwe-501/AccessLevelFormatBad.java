package com.example.profile.web;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccessLevelFormatBad {
    @PostMapping("/profile/level/{level}")
    public Map<String, String> setLevel(@PathVariable String level, HttpSession session) {
        String label = String.format("level-%s", level);
        session.setAttribute("accessLevel", label);
        return Map.of("accessLevel", label);
    }
}
