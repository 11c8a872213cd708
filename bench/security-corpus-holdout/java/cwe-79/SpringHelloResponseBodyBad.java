package com.example.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringHelloResponseBodyBad {

    @GetMapping(value = "/hello", produces = MediaType.TEXT_HTML_VALUE)
    public String hello(@RequestParam(defaultValue = "there") String name) {
        String greeting = "<html><body><h2>Hi " + name + ", welcome back!</h2></body></html>";
        return greeting;
    }
}
