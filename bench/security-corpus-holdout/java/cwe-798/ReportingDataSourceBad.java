package com.example.reporting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class ReportingDataSourceBad {

    private static final String URL = "jdbc:postgresql://reporting-db.internal:5432/reports";
    private static final String USER = "reporter";
    private static final String PASSWORD = "Rep0rt!ng-2024#";

    public Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        c.setReadOnly(true);
        return c;
    }
}
