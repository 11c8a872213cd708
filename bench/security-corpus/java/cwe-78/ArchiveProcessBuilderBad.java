package com.example.exports.web;

import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ArchiveProcessBuilderBad {
    private static final String EXPORT_DIR = "/srv/exports";

    @PostMapping("/exports/archive")
    public Map<String, Object> archive(@RequestParam("name") String name) throws IOException, InterruptedException {
        String target = EXPORT_DIR + "/" + name.trim() + ".tar.gz";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "tar -czf " + target + " -C " + EXPORT_DIR + " current");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        int rc = p.waitFor();
        return Map.of("archive", target, "rc", rc);
    }
}
