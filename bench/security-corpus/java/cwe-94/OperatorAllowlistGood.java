package com.example.calc.web;

import java.util.Set;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OperatorAllowlistGood {
    private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/");

    @GetMapping("/calc")
    public ResponseEntity<String> calc(@RequestParam double a, @RequestParam double b, @RequestParam String op) throws ScriptException {
        if (!OPERATORS.contains(op)) {
            return ResponseEntity.badRequest().build();
        }
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        Object result = engine.eval(a + " " + op + " " + b);
        return ResponseEntity.ok(String.valueOf(result));
    }
}
