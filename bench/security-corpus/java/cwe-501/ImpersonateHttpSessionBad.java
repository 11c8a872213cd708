package com.example.admin.web;

import java.util.Map;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ImpersonateHttpSessionBad {
    @GetMapping("/admin/impersonate/preview")
    public Map<String, Object> preview(@RequestParam("as_user") String asUser, HttpSession session) {
        String username = asUser.trim();
        if (!username.isEmpty()) {
            session.setAttribute("displayUser", username);
        }
        return Map.of("displayUser", String.valueOf(session.getAttribute("displayUser")));
    }
}
