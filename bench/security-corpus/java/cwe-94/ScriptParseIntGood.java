package com.example.discounts.web;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ScriptParseIntGood {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @GetMapping("/discounts/tier/{tier}")
    public String apply(@PathVariable("tier") String tier) throws ScriptException {
        int level = Integer.parseInt(tier);
        ScriptEngine js = manager.getEngineByName("nashorn");
        Object rate = js.eval("var level = " + level + "; level > 3 ? 0.15 : 0.05");
        return String.valueOf(rate);
    }
}
