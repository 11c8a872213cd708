package com.example.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

public class RetryJitterRandomGood {
    private final HttpClient client = HttpClient.newHttpClient();

    public String fetch(URI uri, int attempts) throws IOException, InterruptedException {
        long delay = 500;
        for (int i = 0; i < attempts; i++) {
            HttpResponse<String> resp = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() < 500) {
                return resp.body();
            }
            Thread.sleep(delay + ThreadLocalRandom.current().nextLong(delay));
            delay *= 2;
        }
        throw new IOException("giving up after " + attempts + " attempts");
    }
}
