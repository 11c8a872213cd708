package com.example.admin;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet("/account/mode")
public class ServletSessionRoleGood extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        if (session == null || session.getAttribute("userId") == null) {
            resp.sendRedirect("/login");
            return;
        }
        long userId = (Long) session.getAttribute("userId");
        session.setAttribute("accessLevel", AccessDirectory.levelFor(userId));
        resp.sendRedirect("/account");
    }
}
