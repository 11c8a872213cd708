package com.example.pricing;

import java.util.Map;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringScriptEngineCalcBad {

    private final ScriptEngineManager manager = new ScriptEngineManager();

    @PostMapping("/pricing/formula/preview")
    public Map<String, Object> preview(@RequestBody Map<String, String> body) throws ScriptException {
        String formula = body.getOrDefault("formula", "price");
        ScriptEngine js = manager.getEngineByName("javascript");
        js.put("price", Double.parseDouble(body.getOrDefault("price", "0")));
        js.put("qty", Integer.parseInt(body.getOrDefault("qty", "1")));
        Object result = js.eval(formula);
        return Map.of("formula", formula, "result", result);
    }
}
