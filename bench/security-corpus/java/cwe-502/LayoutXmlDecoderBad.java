package com.example.dashboard.web;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.dashboard.Layout;

@RestController
public class LayoutXmlDecoderBad {
    @PostMapping(value = "/dashboard/layout", consumes = "application/xml")
    public String importLayout(@RequestBody byte[] xml) {
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(xml))) {
            Layout layout = (Layout) decoder.readObject();
            return "imported " + layout.getWidgets().size() + " widgets";
        }
    }
}
