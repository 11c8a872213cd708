package com.example.notes.web;

import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NotesExportCookieBad {
    @PostMapping("/notes/export")
    public String export(@CookieValue(name = "workspace", defaultValue = "default") String workspace, @RequestParam String notes) throws IOException {
        String outPath = String.format("/srv/workspaces/%s/notes.md", workspace);
        try (Writer w = new FileWriter(outPath)) {
            w.write(notes);
        }
        return outPath;
    }
}
