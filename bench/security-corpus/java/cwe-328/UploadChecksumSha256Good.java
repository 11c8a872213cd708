package com.example.artifacts.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadChecksumSha256Good {
    @PostMapping("/artifacts")
    public Map<String, String> upload(@RequestParam("artifact") MultipartFile artifact) throws IOException, NoSuchAlgorithmException {
        byte[] blob = artifact.getBytes();
        String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        Files.write(Path.of("/srv/artifacts", checksum), blob);
        return Map.of("sha256", checksum);
    }
}
