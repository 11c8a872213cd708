package com.example.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class SessionIdSecureBytesGood {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    public String startSession(long userId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        sessions.put(sessionId, userId);
        return sessionId;
    }
}
