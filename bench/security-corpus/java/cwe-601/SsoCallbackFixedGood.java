package com.example.sso.web;

import javax.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SsoCallbackFixedGood {
    @GetMapping("/sso/callback")
    public String callback(HttpSession session, @RequestParam String code, @RequestParam(defaultValue = "") String state) {
        if (!state.equals(session.getAttribute("sso_state"))) {
            return "redirect:/login?error=state";
        }
        session.removeAttribute("sso_state");
        return "redirect:/dashboard";
    }
}
