package com.example.render.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

@RestController
public class PdfRenderWebClientBad {
    private final WebClient webClient = WebClient.create();

    @GetMapping("/render/source-length")
    public Integer render(@RequestParam("page") String page) {
        StringBuilder source = new StringBuilder();
        source.append(page.trim());
        String html = webClient.get().uri(source.toString()).retrieve().bodyToMono(String.class).block();
        return html == null ? 0 : html.length();
    }
}
