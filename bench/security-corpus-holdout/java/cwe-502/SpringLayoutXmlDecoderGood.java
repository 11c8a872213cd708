package com.example.dashboard;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLayoutXmlDecoderGood {

    private final LayoutService layouts;
    private final XmlMapper xmlMapper = new XmlMapper();

    public SpringLayoutXmlDecoderGood(LayoutService layouts) {
        this.layouts = layouts;
    }

    @PostMapping(value = "/dashboards/layout", consumes = "application/xml")
    public ResponseEntity<String> importLayout(@RequestBody byte[] xml) throws IOException {
        DashboardLayout layout = xmlMapper.readValue(xml, DashboardLayout.class);
        layouts.save(layout);
        return ResponseEntity.ok(layout.getName());
    }
}
