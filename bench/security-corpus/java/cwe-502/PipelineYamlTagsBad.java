package com.example.pipelines.web;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;

@RestController
public class PipelineYamlTagsBad {
    @PostMapping(value = "/pipelines/import", consumes = "application/x-yaml")
    public Map<String, Object> importPipeline(@RequestBody String document) {
        LoaderOptions options = new LoaderOptions();
        options.setTagInspector(tag -> true);
        Yaml yaml = new Yaml(new Constructor(options));
        Object config = yaml.load(document);
        return Map.of("type", config.getClass().getName());
    }
}
