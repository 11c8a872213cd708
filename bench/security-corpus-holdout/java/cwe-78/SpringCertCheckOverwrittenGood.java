package com.example.netops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringCertCheckOverwrittenGood {

    @GetMapping("/diagnostics/cert")
    public String certExpiry(@RequestParam(defaultValue = "www.example.com") String endpoint) throws IOException {
        endpoint = "www.example.com";
        String cmd = "echo | openssl s_client -connect " + endpoint + ":443 2>/dev/null | openssl x509 -noout -enddate";
        Process p = new ProcessBuilder("sh", "-c", cmd).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
