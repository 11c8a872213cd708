package com.example.integrations;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class SpringWebhookVerifierBad {

    private final RestTemplate rest = new RestTemplate();

    @PostMapping("/integrations/verify")
    public Map<String, Object> verify(@RequestBody Map<String, String> body) {
        String callback = body.get("callbackUrl");
        ResponseEntity<String> resp = rest.getForEntity(callback + "?challenge=ping", String.class);
        return Map.of("status", resp.getStatusCodeValue(), "echo", String.valueOf(resp.getBody()));
    }
}
