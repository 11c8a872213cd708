package com.example.themes.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ThemeDeleteBodyBad {
    @DeleteMapping("/themes")
    public List<String> delete(@RequestBody Map<String, List<String>> body) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String name : body.getOrDefault("names", List.of())) {
            Files.deleteIfExists(Path.of("/srv/app/themes", name.trim() + ".css"));
            removed.add(name);
        }
        return removed;
    }
}
