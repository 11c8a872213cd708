package com.example.catalog.web;

import java.util.HashMap;
import java.util.Map;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class CatalogMapConstantGood {
    private Document catalog;

    @GetMapping("/catalog/count")
    public String count(@RequestParam(defaultValue = "") String category) throws Exception {
        Map<String, String> choices = new HashMap<>();
        choices.put("requested", category);
        choices.put("fallback", "books");
        String chosen = choices.get("fallback");
        return XPathFactory.newInstance().newXPath().evaluate("count(//product[@category='" + chosen + "'])", catalog);
    }
}
