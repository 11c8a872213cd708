package com.example.onboarding.web;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class OnboardingRoleConstantGood extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String requested = request.getParameter("role");
        log("onboarding finished, requested role length " + (requested == null ? 0 : requested.length()));
        request.getSession().setAttribute("userRole", "viewer");
        response.sendRedirect("/dashboard");
    }
}
