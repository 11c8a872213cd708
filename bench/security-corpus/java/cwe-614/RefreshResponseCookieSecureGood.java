package com.example.auth.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.auth.TokenService;

@RestController
public class RefreshResponseCookieSecureGood {
    private final TokenService tokens;

    public RefreshResponseCookieSecureGood(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/auth/refresh-cookie")
    public ResponseEntity<Void> refreshCookie(@RequestParam long userId) {
        String refresh = tokens.createRefreshToken(userId);
        ResponseCookie cookie = ResponseCookie.from("refresh_token", refresh).httpOnly(true).secure(true).sameSite("Strict").path("/auth").build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
