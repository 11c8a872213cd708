package com.example.netops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringPingControllerBad {

    @PostMapping("/diagnostics/ping")
    public String ping(@RequestParam String host) throws IOException, InterruptedException {
        String[] command = {"/bin/sh", "-c", "ping -c 3 " + host};
        Process p = Runtime.getRuntime().exec(command);
        p.waitFor();
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
