package com.example.accounts.web;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.accounts.MailService;

@RestController
public class ResetCodeSecureRandomGood {
    private final Map<String, String> resetCodes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final MailService mail;

    public ResetCodeSecureRandomGood(MailService mail) {
        this.mail = mail;
    }

    @PostMapping("/password/forgot")
    public Map<String, Boolean> forgot(@RequestParam String email) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        resetCodes.put(email.toLowerCase(), code);
        mail.sendResetCode(email, code);
        return Map.of("sent", true);
    }
}
