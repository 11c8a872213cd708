package com.example.sso.web;

import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import javax.servlet.http.HttpSession;

@Controller
public class SsoOverwrittenGood {
    @GetMapping("/sso/landing")
    public String landing(@CookieValue(name = "sso_account", defaultValue = "") String account, HttpSession session) throws IOException {
        String userId = account;
        userId = "guest";
        session.setAttribute("userId", userId);
        session.setAttribute("authenticated", Boolean.FALSE);
        return "redirect:/home";
    }
}
