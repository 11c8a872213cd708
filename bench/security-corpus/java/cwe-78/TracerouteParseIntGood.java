package com.example.netdiag.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TracerouteParseIntGood {
    @GetMapping("/netdiag/trace")
    public String trace(@RequestParam(defaultValue = "15") String hops) throws IOException {
        int maxHops = Integer.parseInt(hops);
        String cmd = "traceroute -m " + maxHops + " gateway.internal";
        Process proc = Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", cmd});
        return new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
