package com.example.admin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AdminRunCommandBad {
    @PostMapping("/admin/maintenance/run")
    public String run(@RequestBody Map<String, String> body) throws IOException {
        String command = body.getOrDefault("command", "uptime");
        Process process = Runtime.getRuntime().exec(command);
        byte[] output = process.getInputStream().readAllBytes();
        return new String(output, StandardCharsets.UTF_8);
    }
}
