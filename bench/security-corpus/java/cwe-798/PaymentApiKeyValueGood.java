package com.example.payments.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class PaymentApiKeyValueGood {
    private final HttpClient client = HttpClient.newHttpClient();

    @Value("${payments.api-key}")
    private String apiKey;

    public String createCharge(long amountCents, String customerId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.stripe.com/v1/charges"))
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("amount=" + amountCents + "&currency=eur&customer=" + customerId))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
