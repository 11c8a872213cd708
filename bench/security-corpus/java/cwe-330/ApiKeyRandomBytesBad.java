package com.example.keys.service;

import java.util.Base64;
import java.util.Random;

import com.example.keys.ApiKeyRepository;

public class ApiKeyRandomBytesBad {
    private final ApiKeyRepository repository;

    public ApiKeyRandomBytesBad(ApiKeyRepository repository) {
        this.repository = repository;
    }

    public String issueKey(String owner) {
        byte[] bytes = new byte[24];
        new Random().nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.store(owner, key);
        return key;
    }
}
