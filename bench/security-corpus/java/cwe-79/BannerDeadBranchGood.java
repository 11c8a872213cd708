package com.example.promo.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BannerDeadBranchGood {
    @GetMapping(value = "/banner", produces = MediaType.TEXT_HTML_VALUE)
    public String banner(@RequestParam(defaultValue = "") String promo) {
        String text;
        int num = 106;
        if ((7 * 18) + num > 200) {
            text = "Free shipping on orders over 50 EUR";
        } else {
            text = promo;
        }
        return "<div class=\"banner\">" + text + "</div>";
    }
}
