package com.example.home.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
public class GreetingHtmlUtilsGood {
    @GetMapping(value = "/greeting", produces = MediaType.TEXT_HTML_VALUE)
    public String greeting(@RequestParam(defaultValue = "guest") String name) {
        String display = HtmlUtils.htmlEscape(name.trim());
        return "<div class=\"welcome\">Welcome back, " + display + "!</div>";
    }
}
