package com.example.ui.web;

import java.util.Set;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class ThemePreferenceCookieGood {
    private static final Set<String> THEMES = Set.of("light", "dark", "contrast");

    @PostMapping("/preferences/theme")
    public String theme(@RequestParam(defaultValue = "light") String theme, HttpServletResponse response) {
        String chosen = THEMES.contains(theme) ? theme : "light";
        Cookie cookie = new Cookie("theme", chosen);
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setPath("/");
        response.addCookie(cookie);
        return "redirect:/settings";
    }
}
