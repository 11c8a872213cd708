package com.example.discounts.web;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ScriptFormatPathBad {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @GetMapping("/discounts/{code}/apply")
    public String apply(@PathVariable("code") String code) throws ScriptException {
        ScriptEngine js = manager.getEngineByName("nashorn");
        String script = String.format("var code = '%s'; code.length > 5 ? 0.15 : 0.05", code);
        Object rate = js.eval(script);
        return String.valueOf(rate);
    }
}
