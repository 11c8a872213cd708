package com.example.checkout.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CheckoutLocationUriBad {
    @PostMapping("/checkout/done")
    public ResponseEntity<Void> done(@RequestBody Map<String, String> body) {
        String returnUrl = body.getOrDefault("return_url", "/orders");
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(returnUrl)).build();
    }
}
