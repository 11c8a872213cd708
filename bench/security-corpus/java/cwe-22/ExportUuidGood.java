package com.example.exports.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ExportUuidGood {
    @GetMapping("/exports/{id}")
    public byte[] download(@PathVariable String id) throws IOException {
        UUID exportId = UUID.fromString(id);
        Path file = Path.of("/srv/exports", exportId.toString() + ".zip");
        return Files.readAllBytes(file);
    }
}
