package com.example.saas.web;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringTenantHeaderSessionGood {

    private static final Map<String, String> DATE_FORMATS = Map.of(
            "us", "MM/dd/yyyy",
            "eu", "dd.MM.yyyy",
            "iso", "yyyy-MM-dd");

    @GetMapping("/prefs/date-format")
    public String dateFormat(@RequestParam String style, HttpSession session) {
        String pattern = DATE_FORMATS.getOrDefault(style, "yyyy-MM-dd");
        session.setAttribute("datePattern", pattern);
        return pattern;
    }
}
