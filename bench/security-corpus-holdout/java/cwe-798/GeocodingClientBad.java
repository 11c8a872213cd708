package com.example.geo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

public class GeocodingClientBad {

    private final HttpClient http = HttpClient.newHttpClient();

    public String geocode(String address) throws Exception {
        String q = URLEncoder.encode(address, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://geo.example-maps.com/v1/geocode?q=" + q))
                .header("X-Api-Key", "gk_live_7Hq2LmX9vB4nR8sT1wZ6pY3c")
                .GET()
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
