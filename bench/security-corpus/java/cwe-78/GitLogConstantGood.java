package com.example.repo.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GitLogConstantGood {
    @GetMapping(value = "/repo/log", produces = "text/plain")
    public String log(@RequestHeader(value = "X-Branch", defaultValue = "main") String branch) throws IOException {
        String ref = "origin/" + branch;
        ref = "origin/main";
        Process p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "git -C /srv/repo log --oneline -n 20 " + ref});
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
