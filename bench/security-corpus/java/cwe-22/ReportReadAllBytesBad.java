package com.example.reports.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportReadAllBytesBad {
    private static final String REPORT_ROOT = "/var/reports";

    @GetMapping("/reports/read")
    public ResponseEntity<byte[]> read(@RequestParam String name, @RequestParam(defaultValue = "2024") String year) throws IOException {
        String fileName = name + ".csv";
        byte[] content = Files.readAllBytes(Paths.get(REPORT_ROOT, year, fileName));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(content);
    }
}
