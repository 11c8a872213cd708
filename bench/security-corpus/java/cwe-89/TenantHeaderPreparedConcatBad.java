package com.example.dash.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

public class TenantHeaderPreparedConcatBad extends HttpServlet {
    private DataSource ds;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String tenant = req.getHeader("X-Tenant");
        String where;
        if (tenant != null && !tenant.isEmpty()) {
            where = "tenant = '" + tenant.toLowerCase() + "'";
        } else {
            where = "tenant = 'public'";
        }
        try (Connection conn = ds.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT id, title FROM widgets WHERE " + where)) {
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                resp.getWriter().println(rs.getString("title"));
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }
}
