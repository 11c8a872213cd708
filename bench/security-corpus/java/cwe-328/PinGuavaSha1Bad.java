package com.example.banking.service;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

public class PinGuavaSha1Bad {
    private final Map<String, String> pins = new HashMap<>();

    @SuppressWarnings("deprecation")
    public void setPin(String accountId, String pin) {
        String hashed = Hashing.sha1().hashString(pin, StandardCharsets.UTF_8).toString();
        pins.put(accountId, hashed);
    }

    public boolean hasPin(String accountId) {
        return pins.containsKey(accountId);
    }
}
