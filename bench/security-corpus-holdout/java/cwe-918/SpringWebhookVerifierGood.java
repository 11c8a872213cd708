package com.example.integrations;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class SpringWebhookVerifierGood {

    private static final Set<String> PARTNER_HOSTS = Set.of("hooks.partner-one.com", "api.partner-two.io");
    private final RestTemplate rest = new RestTemplate();

    @PostMapping("/integrations/verify")
    public Map<String, Object> verify(@RequestBody Map<String, String> body) {
        URI callback = URI.create(body.get("callbackUrl"));
        if (!"https".equals(callback.getScheme()) || !PARTNER_HOSTS.contains(callback.getHost())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "callback host not registered");
        }
        ResponseEntity<String> resp = rest.getForEntity(callback + "?challenge=ping", String.class);
        return Map.of("status", resp.getStatusCodeValue(), "echo", String.valueOf(resp.getBody()));
    }
}
