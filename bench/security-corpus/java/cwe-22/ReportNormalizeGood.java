package com.example.reports.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportNormalizeGood {
    private static final Path REPORT_ROOT = Paths.get("/var/reports").toAbsolutePath().normalize();

    @GetMapping("/reports/read")
    public ResponseEntity<byte[]> read(@RequestParam String name) throws IOException {
        Path target = REPORT_ROOT.resolve(name + ".csv").normalize();
        if (!target.startsWith(REPORT_ROOT)) {
            return ResponseEntity.status(403).build();
        }
        return ResponseEntity.ok(Files.readAllBytes(target));
    }
}
