package com.example.profile.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class AvatarOverwrittenGood {
    private final RestTemplate http = new RestTemplate();

    @GetMapping("/avatar/default")
    public ResponseEntity<byte[]> defaultAvatar(@RequestParam(defaultValue = "") String imageUrl) {
        String source = imageUrl;
        source = "https://static.example.com/avatars/default.png";
        byte[] image = http.getForObject(source, byte[].class);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(image);
    }
}
