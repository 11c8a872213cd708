package com.example.accounts.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.accounts.UserRepository;

@RestController
public class RegisterMd5Bad {
    private final UserRepository users;

    public RegisterMd5Bad(UserRepository users) {
        this.users = users;
    }

    @PostMapping("/register")
    public long register(@RequestParam String username, @RequestParam String password) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("MD5").digest(password.getBytes(StandardCharsets.UTF_8));
        return users.create(username, HexFormat.of().formatHex(hash));
    }
}
