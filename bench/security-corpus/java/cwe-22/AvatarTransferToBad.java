package com.example.profile.web;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class AvatarTransferToBad {
    private static final String AVATAR_DIR = "/srv/static/avatars/";

    @PostMapping("/profile/avatar")
    public Map<String, String> upload(@RequestParam("avatar") MultipartFile avatar) throws IOException {
        String original = avatar.getOriginalFilename();
        File destination = new File(AVATAR_DIR + original);
        avatar.transferTo(destination);
        return Map.of("stored", destination.getPath());
    }
}
