package com.example.assets.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StaticEtagMd5Good {
    private static final Path BUNDLE = Path.of("/srv/static/app.bundle.js");

    @GetMapping("/assets/app.js")
    public ResponseEntity<byte[]> bundle() throws IOException, NoSuchAlgorithmException {
        byte[] content = Files.readAllBytes(BUNDLE);
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        return ResponseEntity.ok().eTag("\"" + etag + "\"").body(content);
    }
}
