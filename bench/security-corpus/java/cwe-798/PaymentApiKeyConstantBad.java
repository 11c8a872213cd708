package com.example.payments.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class PaymentApiKeyConstantBad {
    private static final String API_KEY = "sk_live_51HxQ2bLkT9sVq3eR8uY0pZmN4wJcX7aD";
    private final HttpClient client = HttpClient.newHttpClient();

    public String createCharge(long amountCents, String customerId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.stripe.com/v1/charges"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("amount=" + amountCents + "&currency=eur&customer=" + customerId))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
