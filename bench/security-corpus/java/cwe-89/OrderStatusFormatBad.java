package com.example.orders.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderStatusFormatBad {
    private final DataSource dataSource;

    public OrderStatusFormatBad(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @GetMapping("/orders/status/{status}")
    public List<Long> byStatus(@PathVariable String status) throws SQLException {
        String query = String.format("SELECT id FROM orders WHERE status = '%s' ORDER BY created_at DESC", status);
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            if (st.execute(query)) {
                ResultSet rs = st.getResultSet();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
