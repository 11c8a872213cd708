package com.example.shop.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Base64;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.Cart;

@RestController
public class CartCookieFilterGood {
    private static final ObjectInputFilter CART_ONLY =
            ObjectInputFilter.Config.createFilter("com.example.shop.Cart;com.example.shop.CartItem;java.util.ArrayList;java.lang.String;!*");

    @GetMapping("/cart")
    public Cart cart(@CookieValue(name = "cart", defaultValue = "") String encoded) throws IOException, ClassNotFoundException {
        if (encoded.isEmpty()) {
            return new Cart();
        }
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded)))) {
            ois.setObjectInputFilter(CART_ONLY);
            return (Cart) ois.readObject();
        }
    }
}
