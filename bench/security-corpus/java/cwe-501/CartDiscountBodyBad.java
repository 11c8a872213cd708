package com.example.cart.web;

import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CartDiscountBodyBad {
    @PostMapping("/cart/discount")
    public Map<String, String> apply(@RequestBody Map<String, String> body, HttpServletRequest request) {
        Map<String, String> coupon = new HashMap<>();
        coupon.put("code", body.getOrDefault("code", ""));
        coupon.put("percent", body.getOrDefault("percent", "0"));
        request.getSession(true).setAttribute("discount", coupon.get("percent"));
        return Map.of("applied", coupon.get("code"));
    }
}
