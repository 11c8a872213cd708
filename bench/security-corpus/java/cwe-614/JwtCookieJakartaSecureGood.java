package com.example.auth.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.auth.JwtIssuer;

@RestController
public class JwtCookieJakartaSecureGood {
    private final JwtIssuer issuer;

    public JwtCookieJakartaSecureGood(JwtIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/auth/token")
    public Map<String, Boolean> token(HttpServletResponse response) {
        Cookie accessCookie = new Cookie("access_token", issuer.issueForCurrentUser());
        accessCookie.setHttpOnly(true);
        accessCookie.setSecure(true);
        accessCookie.setMaxAge(3600);
        response.addCookie(accessCookie);
        return Map.of("ok", true);
    }
}
