package com.example.accounts;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

public class PasswordHasherMd5Good {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(12);

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String storedHash) {
        return encoder.matches(password, storedHash);
    }
}
