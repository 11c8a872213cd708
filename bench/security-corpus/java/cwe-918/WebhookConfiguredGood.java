package com.example.settings.web;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookConfiguredGood {
    private final RestTemplate restTemplate = new RestTemplate();

    @Value("${notify.webhook-url}")
    private String webhookUrl;

    @PostMapping("/settings/webhook/test")
    public Map<String, Object> test(@RequestParam(defaultValue = "ping") String message) {
        Map<String, String> payload = Map.of("event", "ping", "message", message);
        ResponseEntity<String> resp = restTemplate.postForEntity(webhookUrl, payload, String.class);
        return Map.of("code", resp.getStatusCodeValue());
    }
}
