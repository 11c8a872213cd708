package com.example.shop.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.Cart;

@RestController
public class CartCookieBase64Bad {
    @GetMapping("/cart")
    public Cart cart(@CookieValue(name = "cart", defaultValue = "") String encoded) throws IOException, ClassNotFoundException {
        if (encoded.isEmpty()) {
            return new Cart();
        }
        byte[] raw = Base64.getUrlDecoder().decode(encoded);
        ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(raw));
        Cart cart = (Cart) ois.readObject();
        ois.close();
        return cart;
    }
}
