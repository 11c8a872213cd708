package com.example.tickets.web;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AttachmentResourceHeaderBad {
    @GetMapping("/tickets/attachment")
    public ResponseEntity<Resource> attachment(@RequestHeader("X-Attachment") String doc) {
        String path;
        if (doc.endsWith(".pdf")) {
            path = "/data/attachments/" + doc;
        } else {
            path = "/data/attachments/" + doc + ".txt";
        }
        Resource resource = new FileSystemResource(path);
        return ResponseEntity.ok().body(resource);
    }
}
