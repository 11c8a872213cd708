package com.example.vault.crypto;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;

public class KeystoreEnvPasswordGood {
    private static final Path KEYSTORE = Path.of("/etc/app/keys.p12");

    public Key loadDataKey() throws Exception {
        char[] storePassword = System.getenv("KEYSTORE_PASSWORD").toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            ks.load(in, storePassword);
        }
        return ks.getKey("data-key", storePassword);
    }
}
