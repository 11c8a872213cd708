package com.example.ml.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.example.ml.ModelSpec;

@RestController
public class ModelDeadBranchGood {
    @PostMapping("/models/spec")
    public String upload(@RequestParam("spec") MultipartFile file) throws IOException, ClassNotFoundException {
        InputStream in = file.getInputStream();
        Object spec;
        if (7 * 3 > 100) {
            spec = new ObjectInputStream(in).readObject();
        } else {
            spec = new ObjectMapper().readValue(in, ModelSpec.class);
        }
        return spec.toString();
    }
}
