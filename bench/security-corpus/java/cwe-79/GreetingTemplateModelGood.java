package com.example.home.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class GreetingTemplateModelGood {
    @GetMapping("/welcome")
    public String welcome(@RequestParam(defaultValue = "guest") String name, Model model) {
        model.addAttribute("name", name.trim());
        model.addAttribute("visits", 1);
        return "welcome";
    }
}
