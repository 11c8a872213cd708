package com.example.keys.service;

import java.util.UUID;

import com.example.keys.ApiKeyRepository;

public class ApiKeyUuidGood {
    private final ApiKeyRepository repository;

    public ApiKeyUuidGood(ApiKeyRepository repository) {
        this.repository = repository;
    }

    public String issueKey(String owner) {
        String key = UUID.randomUUID().toString().replace("-", "");
        repository.store(owner, key);
        return key;
    }
}
