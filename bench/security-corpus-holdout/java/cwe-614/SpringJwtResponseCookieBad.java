package com.example.auth.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringJwtResponseCookieBad {

    private final TokenService tokens;

    public SpringJwtResponseCookieBad(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/api/token")
    public ResponseEntity<Void> token(@RequestBody LoginRequest login) {
        String jwt = tokens.authenticate(login.username(), login.password());
        ResponseCookie cookie = ResponseCookie.from("access_token", jwt)
                .httpOnly(true)
                .secure(false)
                .path("/")
                .maxAge(Duration.ofHours(1))
                .build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
