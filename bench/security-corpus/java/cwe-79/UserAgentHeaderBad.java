package com.example.debug.web;

import java.io.IOException;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

@Controller
public class UserAgentHeaderBad {
    @GetMapping("/debug/agent")
    public void agent(@RequestHeader("User-Agent") String agent, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        String page = "<html><body><pre>Your browser: " + agent + "</pre></body></html>";
        response.getWriter().write(page);
    }
}
