package com.example.metrics.web;

import java.util.HashMap;
import java.util.Map;
import org.mvel2.MVEL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MvelMetricBad {
    @GetMapping("/metrics/derived")
    public Map<String, Object> derived(@RequestParam("formula") String formula) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("cpu", 0.42);
        vars.put("mem", 0.73);
        String cleaned = formula.trim();
        Object value = MVEL.eval("(" + cleaned + ") * 100", vars);
        return Map.of("formula", cleaned, "percent", value);
    }
}
