package com.example.status.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RegionEndpointMapGood {
    private static final Map<String, String> ENDPOINTS = Map.of(
            "eu", "https://eu.status.example.com/healthz",
            "us", "https://us.status.example.com/healthz");
    private final HttpClient client = HttpClient.newHttpClient();

    @GetMapping("/status/region")
    public ResponseEntity<Boolean> probe(@RequestParam String region) throws IOException, InterruptedException {
        String target = ENDPOINTS.get(region);
        if (target == null) {
            return ResponseEntity.notFound().build();
        }
        HttpResponse<Void> resp = client.send(HttpRequest.newBuilder(URI.create(target)).build(), HttpResponse.BodyHandlers.discarding());
        return ResponseEntity.ok(resp.statusCode() == 200);
    }
}
