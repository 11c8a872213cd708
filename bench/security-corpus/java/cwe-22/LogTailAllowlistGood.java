package com.example.ops.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

@RestController
public class LogTailAllowlistGood {
    private static final Path LOG_DIR = Path.of("/var/log/services");
    private static final Set<String> SERVICES = Set.of("api", "worker", "scheduler");

    @GetMapping(value = "/logs/tail", produces = "text/plain")
    public String tail(@RequestParam String service) throws IOException {
        if (!SERVICES.contains(service)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<String> all = Files.readAllLines(LOG_DIR.resolve(service + ".log"));
        return String.join("\n", all.subList(Math.max(0, all.size() - 100), all.size()));
    }
}
