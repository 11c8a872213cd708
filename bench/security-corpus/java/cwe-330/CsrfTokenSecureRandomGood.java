package com.example.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import javax.servlet.http.HttpSession;

public class CsrfTokenSecureRandomGood {
    private final SecureRandom rng = new SecureRandom();

    public String issue(HttpSession session) {
        byte[] raw = new byte[20];
        rng.nextBytes(raw);
        String value = HexFormat.of().formatHex(raw);
        session.setAttribute("csrfToken", value);
        return value;
    }
}
