package com.example.ml.web;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class ModelUploadMultipartBad {
    @PostMapping("/models/upload")
    public Map<String, String> upload(@RequestParam("model") MultipartFile file) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(file.getInputStream())) {
            Object model = in.readObject();
            return Map.of("type", model.getClass().getName(), "name", String.valueOf(file.getOriginalFilename()));
        }
    }
}
