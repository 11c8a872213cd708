package com.example.dashboard;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLayoutXmlDecoderBad {

    private final LayoutService layouts;

    public SpringLayoutXmlDecoderBad(LayoutService layouts) {
        this.layouts = layouts;
    }

    @PostMapping(value = "/dashboards/layout", consumes = "application/xml")
    public ResponseEntity<String> importLayout(@RequestBody byte[] xml) {
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(xml))) {
            DashboardLayout layout = (DashboardLayout) decoder.readObject();
            layouts.save(layout);
            return ResponseEntity.ok(layout.getName());
        }
    }
}
