package com.example.signup;

import java.security.SecureRandom;
import java.time.Instant;

public class EmailVerificationCodeGood {

    private static final SecureRandom RNG = new SecureRandom();
    private final VerificationStore store;
    private final Mailer mailer;

    public EmailVerificationCodeGood(VerificationStore store, Mailer mailer) {
        this.store = store;
        this.mailer = mailer;
    }

    public void sendCode(String email) {
        int code = RNG.nextInt(900_000) + 100_000;
        store.put(email, String.valueOf(code), Instant.now().plusSeconds(900));
        mailer.send(email, "Your verification code", "Enter " + code + " to confirm your address.");
    }
}
