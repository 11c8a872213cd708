package com.example.security;

import java.util.Random;
import javax.servlet.http.HttpSession;

public class CsrfTokenSeededBad {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Random rng = new Random(System.currentTimeMillis());

    public String issue(HttpSession session) {
        char[] token = new char[40];
        for (int i = 0; i < token.length; i++) {
            token[i] = HEX[rng.nextInt(HEX.length)];
        }
        String value = new String(token);
        session.setAttribute("csrfToken", value);
        return value;
    }
}
