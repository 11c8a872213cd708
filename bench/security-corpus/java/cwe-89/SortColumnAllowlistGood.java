package com.example.shop.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SortColumnAllowlistGood {
    private static final Set<String> SORTABLE = Set.of("name", "price", "created_at");
    private final JdbcTemplate jdbc;

    public SortColumnAllowlistGood(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/products")
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "name") String sort) {
        String column = sort.toLowerCase();
        if (!SORTABLE.contains(column)) {
            column = "name";
        }
        return jdbc.queryForList("SELECT id, name, price FROM products ORDER BY " + column);
    }
}
