package com.example.pricing.web;

import groovy.lang.GroovyShell;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GroovyDeadBranchGood {
    @PostMapping(value = "/pricing/default", consumes = "text/plain")
    public Map<String, Object> preview(@RequestBody String rule) {
        String script = "100.0 * 3";
        if (false) {
            script = rule;
        }
        Object price = new GroovyShell().evaluate(script);
        return Map.of("price", price);
    }
}
