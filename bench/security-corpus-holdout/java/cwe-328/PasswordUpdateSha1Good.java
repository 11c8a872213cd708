package com.example.accounts;

import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

public class PasswordUpdateSha1Good {

    private final JdbcTemplate jdbc;

    public PasswordUpdateSha1Good(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void updatePassword(long userId, String newPassword, String salt) throws Exception {
        KeySpec spec = new PBEKeySpec(newPassword.toCharArray(), Base64.getDecoder().decode(salt), 310_000, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        String hashed = Base64.getEncoder().encodeToString(key);
        jdbc.update("UPDATE users SET password_hash = ?, salt = ? WHERE id = ?", hashed, salt, userId);
    }
}
