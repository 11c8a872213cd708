package com.example.accounts.service;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;

public class SaltedSha1HexBad {
    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        byte[] saltBytes = new byte[8];
        random.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        String digest = DigestUtils.sha1Hex(salt + password);
        return "sha1$" + salt + "$" + digest;
    }
}
