package com.example.pricing;

import java.util.Map;
import java.util.function.BinaryOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringScriptEngineCalcGood {

    private static final Map<String, BinaryOperator<Double>> FORMULAS = Map.of(
            "total", (price, qty) -> price * qty,
            "bulk", (price, qty) -> qty >= 10 ? price * qty * 0.9 : price * qty,
            "unit", (price, qty) -> price);

    @PostMapping("/pricing/formula/preview")
    public Map<String, Object> preview(@RequestBody Map<String, String> body) {
        String formula = body.getOrDefault("formula", "total");
        BinaryOperator<Double> fn = FORMULAS.getOrDefault(formula, FORMULAS.get("total"));
        double price = Double.parseDouble(body.getOrDefault("price", "0"));
        double qty = Double.parseDouble(body.getOrDefault("qty", "1"));
        return Map.of("formula", formula, "result", fn.apply(price, qty));
    }
}
