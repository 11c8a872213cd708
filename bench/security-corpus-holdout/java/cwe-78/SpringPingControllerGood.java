package com.example.netops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class SpringPingControllerGood {

    @PostMapping("/diagnostics/ping")
    public String ping(@RequestParam String host) throws IOException, InterruptedException {
        if (!host.matches("[A-Za-z0-9.-]{1,253}") || host.startsWith("-")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid host");
        }
        Process p = new ProcessBuilder("ping", "-c", "3", host).redirectErrorStream(true).start();
        p.waitFor();
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
