package com.example.auth.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.auth.JwtIssuer;

@RestController
public class JwtCookieJakartaBad {
    private final JwtIssuer issuer;

    public JwtCookieJakartaBad(JwtIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/auth/token")
    public Map<String, Boolean> token(HttpServletResponse response) {
        String jwt = issuer.issueForCurrentUser();
        Cookie accessCookie = new Cookie("access_token", jwt);
        accessCookie.setHttpOnly(true);
        accessCookie.setMaxAge(3600);
        response.addCookie(accessCookie);
        return Map.of("ok", true);
    }
}
