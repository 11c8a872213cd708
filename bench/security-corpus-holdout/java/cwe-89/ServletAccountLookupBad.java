package com.example.bank;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

@WebServlet("/accounts")
public class ServletAccountLookupBad extends HttpServlet {

    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String iban = req.getParameter("iban");
        StringBuilder sql = new StringBuilder("SELECT holder, balance FROM accounts WHERE iban = '");
        sql.append(iban).append("'");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery(sql.toString());
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
