package com.example.settings.web;

import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.InputSource;

@RestController
public class SettingsSectionBodyBad {
    @PostMapping("/config/lookup")
    public String lookup(@RequestBody Map<String, String> body) throws Exception {
        String section = body.getOrDefault("section", "general");
        XPath xpath = XPathFactory.newInstance().newXPath();
        InputSource settings = new InputSource("/etc/app/settings.xml");
        return xpath.evaluate("/settings/section[@id='" + section + "']/option/@value", settings);
    }
}
