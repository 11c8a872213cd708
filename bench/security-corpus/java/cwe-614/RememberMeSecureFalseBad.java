package com.example.auth.web;

import java.util.UUID;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.auth.RememberMeStore;

@RestController
public class RememberMeSecureFalseBad {
    private final RememberMeStore store;

    public RememberMeSecureFalseBad(RememberMeStore store) {
        this.store = store;
    }

    @PostMapping("/remember")
    public void remember(HttpServletResponse response) {
        String rememberToken = UUID.randomUUID().toString();
        store.save(rememberToken);
        Cookie cookie = new Cookie("remember_token", rememberToken);
        cookie.setMaxAge(30 * 24 * 3600);
        cookie.setSecure(false);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }
}
