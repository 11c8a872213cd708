package com.example.auth.web;

import javax.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LogoutRedirectPrefixBad {
    @GetMapping("/logout")
    public String logout(HttpSession session, @RequestParam(name = "return_to", defaultValue = "/") String returnTo) {
        session.invalidate();
        return "redirect:" + returnTo;
    }
}
