package com.example.accounts.service;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

@Service
public class PasswordResetMd5HexBad {
    private final JdbcTemplate jdbc;

    public PasswordResetMd5HexBad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void changePassword(long userId, String newPassword) {
        String hashed = DigestUtils.md5Hex(newPassword);
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", hashed, userId);
    }
}
