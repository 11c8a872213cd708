package com.example.checkout.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CheckoutDeadBranchGood {
    @PostMapping("/checkout/done")
    public ResponseEntity<Void> done(@RequestParam(name = "return_url", defaultValue = "") String returnUrl) {
        String location = "/orders";
        if (7 * 3 > 100) {
            location = returnUrl;
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }
}
