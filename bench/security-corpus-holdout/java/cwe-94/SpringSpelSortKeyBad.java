package com.example.catalog;

import java.util.Comparator;
import java.util.List;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringSpelSortKeyBad {

    private final ProductRepository products;
    private final SpelExpressionParser parser = new SpelExpressionParser();

    public SpringSpelSortKeyBad(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/products/sorted")
    public List<Product> sorted(@RequestParam(defaultValue = "name") String key) {
        Expression expr = parser.parseExpression(key);
        List<Product> all = products.findAll();
        all.sort(Comparator.comparing(p -> String.valueOf(expr.getValue(p))));
        return all;
    }
}
