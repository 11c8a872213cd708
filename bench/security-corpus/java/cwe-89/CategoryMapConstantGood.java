package com.example.catalog.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

public class CategoryMapConstantGood extends HttpServlet {
    private DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Map<String, String> values = new HashMap<>();
        values.put("keyA", "books");
        values.put("keyB", request.getParameter("category"));
        String category = values.get("keyA");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT id, title FROM items WHERE category = '" + category + "'");
            while (rs.next()) {
                response.getWriter().println(rs.getString("title"));
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }
}
