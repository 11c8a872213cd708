package com.example.cart.web;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.cart.Coupon;
import com.example.cart.CouponRepository;

@RestController
public class CartCouponLookupGood {
    private final CouponRepository coupons;

    public CartCouponLookupGood(CouponRepository coupons) {
        this.coupons = coupons;
    }

    @PostMapping("/cart/discount")
    public ResponseEntity<Map<String, Object>> apply(@RequestParam String code, HttpSession session) {
        Coupon coupon = coupons.findActiveByCode(code);
        if (coupon == null) {
            return ResponseEntity.notFound().build();
        }
        session.setAttribute("discountId", coupon.getId());
        return ResponseEntity.ok(Map.of("percent", coupon.getPercent()));
    }
}
