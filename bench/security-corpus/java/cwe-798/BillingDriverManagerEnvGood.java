package com.example.billing.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class BillingDriverManagerEnvGood {
    private static final String URL = "jdbc:postgresql://db.prod.internal:5432/billing";

    public long countInvoices() throws SQLException {
        String user = System.getenv("BILLING_DB_USER");
        String password = System.getenv("BILLING_DB_PASSWORD");
        try (Connection conn = DriverManager.getConnection(URL, user, password);
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM invoices")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
