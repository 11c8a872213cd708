package com.example.i18n.web;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LanguageMapSessionGood {
    private static final Map<String, String> LOCALES = Map.of("en", "en-US", "de", "de-DE", "fr", "fr-FR");

    @GetMapping("/language")
    public Map<String, Object> set(@RequestParam(defaultValue = "en") String lang, HttpSession session) {
        String locale = LOCALES.getOrDefault(lang, "en-US");
        session.setAttribute("locale", locale);
        return Map.of("locale", session.getAttribute("locale"));
    }
}
