package com.example.accounts.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UserLookupJdbcTemplateArgsGood {
    private final JdbcTemplate jdbcTemplate;

    public UserLookupJdbcTemplateArgsGood(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/users/lookup")
    public List<Map<String, Object>> lookup(@RequestParam("username") String username) {
        String name = username.trim();
        return jdbcTemplate.queryForList("SELECT id, email, display_name FROM users WHERE username = ?", name);
    }
}
