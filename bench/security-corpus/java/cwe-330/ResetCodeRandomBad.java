package com.example.accounts.web;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.accounts.MailService;

@RestController
public class ResetCodeRandomBad {
    private final Map<String, String> resetCodes = new ConcurrentHashMap<>();
    private final Random random = new Random();
    private final MailService mail;

    public ResetCodeRandomBad(MailService mail) {
        this.mail = mail;
    }

    @PostMapping("/password/forgot")
    public Map<String, Boolean> forgot(@RequestParam String email) {
        String code = String.valueOf(100000 + random.nextInt(900000));
        resetCodes.put(email.toLowerCase(), code);
        mail.sendResetCode(email, code);
        return Map.of("sent", true);
    }
}
