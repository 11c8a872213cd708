package com.example.geo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;

public class GeocodingClientGood {

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${geo.api-key}")
    private String apiKey;

    public String geocode(String address) throws Exception {
        String q = URLEncoder.encode(address, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://geo.example-maps.com/v1/geocode?q=" + q))
                .header("X-Api-Key", apiKey)
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
