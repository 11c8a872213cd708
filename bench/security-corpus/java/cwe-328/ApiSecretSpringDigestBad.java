package com.example.clients.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.util.DigestUtils;

import com.example.clients.ApiClient;
import com.example.clients.ApiClientRepository;

public class ApiSecretSpringDigestBad {
    private final ApiClientRepository repository;
    private final SecureRandom random = new SecureRandom();

    public ApiSecretSpringDigestBad(ApiClientRepository repository) {
        this.repository = repository;
    }

    public String createClient(String name) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String stored = DigestUtils.md5DigestAsHex(clientSecret.getBytes(StandardCharsets.UTF_8));
        repository.save(new ApiClient(name, stored));
        return clientSecret;
    }
}
