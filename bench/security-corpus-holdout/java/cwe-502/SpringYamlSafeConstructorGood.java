package com.example.config;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@RestController
public class SpringYamlSafeConstructorGood {

    @PostMapping(value = "/config/validate", consumes = "application/yaml")
    public Map<String, Object> validate(@RequestBody String yamlText) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> doc = yaml.load(yamlText);
        return Map.of("keys", doc.keySet(), "valid", doc.containsKey("version"));
    }
}
