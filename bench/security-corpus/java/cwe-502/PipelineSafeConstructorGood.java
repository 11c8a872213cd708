package com.example.pipelines.web;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@RestController
public class PipelineSafeConstructorGood {
    @PostMapping(value = "/pipelines/import", consumes = "application/x-yaml")
    public Map<String, Object> importPipeline(@RequestBody String document) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> config = yaml.load(document);
        Object stages = config.getOrDefault("stages", java.util.List.of());
        return Map.of("name", String.valueOf(config.get("name")), "stages", stages);
    }
}
