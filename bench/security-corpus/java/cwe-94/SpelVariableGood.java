package com.example.pricing.web;

import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpelVariableGood {
    private static final Expression TOTAL = new SpelExpressionParser().parseExpression("#price * #qty");

    @GetMapping("/pricing/total")
    public Double total(@RequestParam String price, @RequestParam String qty) {
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariable("price", Double.valueOf(price));
        ctx.setVariable("qty", Integer.valueOf(qty));
        return TOTAL.getValue(ctx, Double.class);
    }
}
