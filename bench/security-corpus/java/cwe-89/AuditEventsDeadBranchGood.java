package com.example.audit.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditEventsDeadBranchGood {
    private final JdbcTemplate jdbc;

    public AuditEventsDeadBranchGood(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/audit/events")
    public List<Map<String, Object>> events(@RequestParam(defaultValue = "") String actor) {
        int num = 106;
        String clause = (7 * 18) + num > 200 ? "actor = 'system'" : "actor = '" + actor + "'";
        return jdbc.queryForList("SELECT ts, action FROM events WHERE " + clause + " LIMIT 100");
    }
}
