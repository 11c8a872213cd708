package com.example.auth.web;

import java.net.URI;
import java.util.Set;
import javax.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LogoutAllowedHostGood {
    private static final Set<String> TRUSTED = Set.of("www.example.com", "shop.example.com");

    @GetMapping("/logout")
    public String logout(HttpSession session, @RequestParam(name = "return_to", defaultValue = "/") String returnTo) {
        session.invalidate();
        URI uri = URI.create(returnTo);
        if ("https".equals(uri.getScheme()) && TRUSTED.contains(uri.getHost())) {
            return "redirect:" + uri;
        }
        return "redirect:/";
    }
}
