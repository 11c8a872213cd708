package com.example.hr.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringEmployeeSearchBad {

    private final JdbcTemplate jdbc;

    public SpringEmployeeSearchBad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/employees")
    public List<Map<String, Object>> search(@RequestParam("lastName") String lastName,
                                            @RequestParam(value = "dept", defaultValue = "") String dept) {
        String sql = "SELECT id, first_name, last_name, title FROM employees WHERE last_name = '" + lastName + "'";
        if (!dept.isEmpty()) {
            sql += " AND department = '" + dept + "'";
        }
        return jdbc.queryForList(sql);
    }
}
