package com.example.auth.web;

import javax.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SpringLoginSuccessRedirectGood {

    private final AuthService auth;

    public SpringLoginSuccessRedirectGood(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/login")
    public String login(@RequestParam String username, @RequestParam String password,
                        @RequestParam(value = "continue", defaultValue = "/home") String continueUrl,
                        HttpSession session) {
        if (!auth.check(username, password)) {
            return "redirect:/login?error";
        }
        session.setAttribute("user", username);
        boolean local = continueUrl.startsWith("/") && !continueUrl.startsWith("//") && !continueUrl.contains("\\");
        return "redirect:" + (local ? continueUrl : "/home");
    }
}
