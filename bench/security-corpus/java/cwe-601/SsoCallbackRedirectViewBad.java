package com.example.sso.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

@Controller
public class SsoCallbackRedirectViewBad {
    @GetMapping("/sso/callback")
    public RedirectView callback(@RequestParam String code, @RequestParam(defaultValue = "/home") String state) {
        String target = state.trim();
        RedirectView view = new RedirectView(target);
        view.setStatusCode(org.springframework.http.HttpStatus.FOUND);
        return view;
    }
}
