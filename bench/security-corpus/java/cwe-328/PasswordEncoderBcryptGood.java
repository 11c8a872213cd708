package com.example.accounts.service;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
public class PasswordEncoderBcryptGood {
    private final PasswordEncoder encoder = new BCryptPasswordEncoder(12);
    private final JdbcTemplate jdbc;

    public PasswordEncoderBcryptGood(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void changePassword(long userId, String newPassword) {
        String hashed = encoder.encode(newPassword);
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", hashed, userId);
    }
}
