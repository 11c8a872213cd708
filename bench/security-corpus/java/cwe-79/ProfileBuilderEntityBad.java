package com.example.profile.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileBuilderEntityBad {
    @PostMapping("/profile/preview")
    public ResponseEntity<String> preview(@RequestParam String displayName, @RequestParam(defaultValue = "") String bio) {
        StringBuilder html = new StringBuilder("<section class=\"profile\">");
        html.append("<h3>").append(displayName).append("</h3>");
        for (String line : bio.split("\n")) {
            html.append("<p>").append(line).append("</p>");
        }
        html.append("</section>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.toString());
    }
}
