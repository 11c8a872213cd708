package com.example.settings.web;

import java.util.Map;
import java.util.Set;
import javax.xml.xpath.XPathFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.InputSource;

@RestController
public class SettingsSectionAllowlistGood {
    private static final Set<String> SECTIONS = Set.of("general", "mail", "storage");

    @PostMapping("/config/lookup")
    public ResponseEntity<String> lookup(@RequestBody Map<String, String> body) throws Exception {
        String section = body.getOrDefault("section", "general");
        if (!SECTIONS.contains(section)) {
            return ResponseEntity.notFound().build();
        }
        String expr = "/settings/section[@id='" + section + "']/option/@value";
        return ResponseEntity.ok(XPathFactory.newInstance().newXPath().evaluate(expr, new InputSource("/etc/app/settings.xml")));
    }
}
