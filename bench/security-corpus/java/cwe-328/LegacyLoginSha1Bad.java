package com.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public class LegacyLoginSha1Bad {
    private final CredentialStore store;

    public LegacyLoginSha1Bad(CredentialStore store) {
        this.store = store;
    }

    public boolean authenticate(String username, char[] password) throws NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] candidate = sha1.digest(new String(password).getBytes(StandardCharsets.UTF_8));
        byte[] stored = store.passwordHash(username);
        return stored != null && MessageDigest.isEqual(stored, candidate);
    }

    public interface CredentialStore {
        byte[] passwordHash(String username);
    }
}
