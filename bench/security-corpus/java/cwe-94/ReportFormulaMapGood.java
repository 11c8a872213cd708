package com.example.reports.web;

import java.util.HashMap;
import java.util.Map;
import org.mvel2.MVEL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportFormulaMapGood {
    @GetMapping("/reports/formula")
    public Object formula(@RequestParam(defaultValue = "") String custom) {
        Map<String, String> formulas = new HashMap<>();
        formulas.put("default", "(a + b + c) / 3");
        formulas.put("custom", custom);
        String chosen = formulas.get("default");
        Map<String, Object> vars = Map.of("a", 3, "b", 5, "c", 8);
        return MVEL.eval(chosen, vars);
    }
}
