package com.example.bank;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

@WebServlet("/accounts")
public class ServletAccountLookupGood extends HttpServlet {

    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String iban = req.getParameter("iban");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT holder, balance FROM accounts WHERE iban = ?")) {
            ps.setString(1, iban);
            ResultSet rs = ps.executeQuery();
            PrintWriter out = resp.getWriter();
            resp.setContentType("application/json");
            if (rs.next()) {
                out.printf("{\"holder\":\"%s\",\"balance\":%s}", rs.getString(1), rs.getBigDecimal(2));
            } else {
                resp.setStatus(404);
            }
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}
