package com.example.notify.web;

import java.util.Map;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpelTemplateHeaderBad {
    private final SpelExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/notifications/preview")
    public String preview(@RequestHeader("X-Message-Template") String template) {
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariables(Map.of("name", "Alex", "orders", 3));
        String message = parser.parseExpression(template, new TemplateParserContext()).getValue(ctx, String.class);
        return message;
    }
}
