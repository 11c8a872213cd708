package com.example.orders.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

@Controller
public class OrderLinkUriBuilderGood {
    @GetMapping("/orders/open")
    public RedirectView open(@RequestParam String orderId, @RequestParam(defaultValue = "summary") String tab) {
        String target = UriComponentsBuilder.fromPath("/orders/view")
                .queryParam("id", orderId)
                .queryParam("tab", tab)
                .encode()
                .toUriString();
        return new RedirectView(target, true);
    }
}
