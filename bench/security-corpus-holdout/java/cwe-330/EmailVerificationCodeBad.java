package com.example.signup;

import java.time.Instant;

public class EmailVerificationCodeBad {

    private final VerificationStore store;
    private final Mailer mailer;

    public EmailVerificationCodeBad(VerificationStore store, Mailer mailer) {
        this.store = store;
        this.mailer = mailer;
    }

    public void sendCode(String email) {
        int code = (int) (Math.random() * 900_000) + 100_000;
        store.put(email, String.valueOf(code), Instant.now().plusSeconds(900));
        mailer.send(email, "Your verification code", "Enter " + code + " to confirm your address.");
    }
}
