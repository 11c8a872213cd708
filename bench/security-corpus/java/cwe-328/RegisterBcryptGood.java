package com.example.accounts.web;

import org.mindrot.jbcrypt.BCrypt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.accounts.UserRepository;

@RestController
public class RegisterBcryptGood {
    private final UserRepository users;

    public RegisterBcryptGood(UserRepository users) {
        this.users = users;
    }

    @PostMapping("/register")
    public long register(@RequestParam String username, @RequestParam String password) {
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(12));
        return users.create(username, hash);
    }
}
