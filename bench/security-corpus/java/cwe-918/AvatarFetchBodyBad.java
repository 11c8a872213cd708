package com.example.profile.web;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class AvatarFetchBodyBad {
    private final RestTemplate http = new RestTemplate();

    @PostMapping("/avatar/fetch")
    public ResponseEntity<byte[]> fetch(@RequestBody Map<String, String> body) {
        String imageUrl = body.get("image_url");
        byte[] image = http.getForObject(imageUrl, byte[].class);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(image);
    }
}
