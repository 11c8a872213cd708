package com.example.ops.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LogTailReadLinesBad {
    private static final Path LOG_DIR = Path.of("/var/log/services");

    @GetMapping(value = "/logs/tail", produces = "text/plain")
    public String tail(@RequestParam String service, @RequestParam(defaultValue = "100") int lines) throws IOException {
        Path logFile = LOG_DIR.resolve(service + ".log");
        List<String> all = Files.readAllLines(logFile);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
