package com.example.profile.web;

import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccessLevelMapConstantGood {
    @PostMapping("/profile/level/{level}")
    public Map<String, Object> setLevel(@PathVariable String level, HttpSession session) {
        Map<String, String> levels = new HashMap<>();
        levels.put("requested", level);
        levels.put("default", "basic");
        session.setAttribute("accessLevel", levels.get("default"));
        return Map.of("accessLevel", session.getAttribute("accessLevel"));
    }
}
