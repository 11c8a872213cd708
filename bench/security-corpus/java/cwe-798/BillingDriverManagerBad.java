package com.example.billing.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class BillingDriverManagerBad {
    private static final String URL = "jdbc:postgresql://db.prod.internal:5432/billing";

    public long countInvoices() throws SQLException {
        try (Connection conn = DriverManager.getConnection(URL, "billing_app", "Bill1ng!2024");
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM invoices")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
