package com.example.accounts;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

public class PasswordUpdateSha1Bad {

    private final JdbcTemplate jdbc;

    public PasswordUpdateSha1Bad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void updatePassword(long userId, String newPassword, String salt) {
        String hashed = DigestUtils.sha1Hex(salt + ":" + newPassword);
        jdbc.update("UPDATE users SET password_hash = ?, salt = ? WHERE id = ?", hashed, salt, userId);
    }
}
