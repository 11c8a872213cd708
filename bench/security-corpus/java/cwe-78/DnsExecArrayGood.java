package com.example.netdiag.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DnsExecArrayGood {
    @GetMapping("/netdiag/dns")
    public String lookup(@RequestParam String domain) throws IOException {
        String[] command = {"dig", "+short", "MX", domain.trim()};
        Process proc = Runtime.getRuntime().exec(command);
        return new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
