package com.example.saas.web;

import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringTenantHeaderSessionBad {

    @GetMapping("/tenant/enter")
    public String enter(@RequestHeader("X-Tenant") String tenant, HttpSession session) {
        String normalized = tenant.trim().toLowerCase();
        session.setAttribute("tenantId", normalized);
        return "entered " + normalized;
    }
}
