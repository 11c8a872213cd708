package com.example.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringSpelSortKeyGood {

    private static final Map<String, Comparator<Product>> SORTS = Map.of(
            "name", Comparator.comparing(Product::getName),
            "price", Comparator.comparing(Product::getPrice),
            "created", Comparator.comparing(Product::getCreatedAt));

    private final ProductRepository products;

    public SpringSpelSortKeyGood(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/products/sorted")
    public List<Product> sorted(@RequestParam(defaultValue = "name") String key) {
        List<Product> all = products.findAll();
        all.sort(SORTS.getOrDefault(key, SORTS.get("name")));
        return all;
    }
}
