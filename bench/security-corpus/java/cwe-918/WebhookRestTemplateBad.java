package com.example.settings.web;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookRestTemplateBad {
    private final RestTemplate restTemplate = new RestTemplate();

    @PostMapping("/settings/webhook/test")
    public Map<String, Object> test(@RequestParam("endpoint") String endpoint) {
        Map<String, String> payload = Map.of("event", "ping", "source", "settings-page");
        ResponseEntity<String> resp = restTemplate.postForEntity(endpoint.trim(), payload, String.class);
        return Map.of("code", resp.getStatusCodeValue());
    }
}
