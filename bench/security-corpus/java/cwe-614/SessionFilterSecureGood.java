package com.example.session.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class SessionFilterSecureGood implements Filter {
    private final SecureRandom random = new SecureRandom();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        Cookie sid = new Cookie("sid", HexFormat.of().formatHex(raw));
        sid.setPath("/");
        sid.setSecure(true);
        sid.setHttpOnly(true);
        ((HttpServletResponse) res).addCookie(sid);
        chain.doFilter(req, res);
    }
}
