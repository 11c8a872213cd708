package com.example.status.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class HealthProbeHttpClientBad {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @GetMapping("/status/probe")
    public Map<String, Object> probe(@RequestParam String host, @RequestParam(defaultValue = "80") int port) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host + ":" + port + "/healthz");
        HttpRequest req = HttpRequest.newBuilder(uri).GET().build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        return Map.of("target", uri.toString(), "healthy", resp.statusCode() == 200);
    }
}
