package com.example.reporting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class ReportingDataSourceGood {

    private static final String URL = "jdbc:postgresql://reporting-db.internal:5432/reports";
    private static final String USER = "reporter";

    public Connection open() throws SQLException {
        String password = System.getenv("REPORTING_DB_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("REPORTING_DB_PASSWORD is not set");
        }
        Connection c = DriverManager.getConnection(URL, USER, password);
        c.setReadOnly(true);
        return c;
    }
}
