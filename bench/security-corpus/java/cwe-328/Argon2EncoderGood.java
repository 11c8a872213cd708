package com.example.accounts.service;

import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

public class Argon2EncoderGood {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Map<String, String> pins = new HashMap<>();

    public void setPin(String accountId, String pin) {
        pins.put(accountId, encoder.encode(pin));
    }

    public boolean checkPin(String accountId, String pin) {
        String stored = pins.get(accountId);
        return stored != null && encoder.matches(pin, stored);
    }
}
