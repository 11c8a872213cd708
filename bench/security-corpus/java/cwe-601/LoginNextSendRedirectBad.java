package com.example.auth.web;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/login/complete")
public class LoginNextSendRedirectBad extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String next = request.getParameter("next");
        if (next == null || next.isEmpty()) {
            next = "/home";
        }
        request.getSession(true).setAttribute("loginTime", System.currentTimeMillis());
        response.sendRedirect(next);
    }
}
