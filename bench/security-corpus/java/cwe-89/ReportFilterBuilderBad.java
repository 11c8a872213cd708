package com.example.reports.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportFilterBuilderBad {
    private final JdbcTemplate jdbc;

    public ReportFilterBuilderBad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/reports/sales")
    public List<Map<String, Object>> sales(@RequestBody Map<String, String> filters) {
        StringBuilder sql = new StringBuilder("SELECT month, SUM(amount) AS total FROM sales WHERE 1=1");
        String region = filters.get("region");
        if (region != null) {
            sql.append(" AND region = '").append(region).append("'");
        }
        sql.append(" GROUP BY month");
        return jdbc.queryForList(sql.toString());
    }
}
