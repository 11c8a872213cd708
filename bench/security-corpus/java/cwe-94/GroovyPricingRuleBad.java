package com.example.pricing.web;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GroovyPricingRuleBad {
    @PostMapping(value = "/pricing/preview", consumes = "text/plain")
    public Map<String, Object> preview(@RequestBody String rule) {
        Binding binding = new Binding();
        binding.setVariable("base", 100.0);
        binding.setVariable("qty", 3);
        GroovyShell shell = new GroovyShell(binding);
        Object price = shell.evaluate(rule);
        return Map.of("price", price);
    }
}
