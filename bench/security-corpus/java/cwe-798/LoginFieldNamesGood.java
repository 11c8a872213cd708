package com.example.auth.web;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.auth.Authenticator;

public class LoginFieldNamesGood extends HttpServlet {
    private static final String PASSWORD_PARAM = "password";
    private static final String USERNAME_PARAM = "username";
    private static final String TOKEN_HEADER = "Authorization";
    private Authenticator authenticator;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean ok = authenticator.check(req.getParameter(USERNAME_PARAM), req.getParameter(PASSWORD_PARAM));
        resp.setHeader("X-Auth-Header-Name", TOKEN_HEADER);
        resp.setStatus(ok ? 204 : 401);
    }
}
