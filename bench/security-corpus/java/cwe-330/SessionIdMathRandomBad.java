package com.example.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public class SessionIdMathRandomBad {
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    public String startSession(long userId) {
        String sessionId = Long.toHexString(Double.doubleToLongBits(Math.random()));
        sessions.put(sessionId, userId);
        return sessionId;
    }

    public Long userFor(String sessionId) {
        return sessions.get(sessionId);
    }
}
