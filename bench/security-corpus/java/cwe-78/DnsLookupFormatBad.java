package com.example.netdiag.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DnsLookupFormatBad {
    @GetMapping("/netdiag/dns")
    public String lookup(@RequestParam String domain, @RequestParam(defaultValue = "MX") String type) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("/bin/sh");
        command.add("-c");
        command.add(String.format("dig +short %s %s", type, domain));
        Process proc = new ProcessBuilder(command).start();
        return new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
