package com.example.inventory;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

@RestController
public class SpringSaxInventoryFeedBad {

    @PostMapping(value = "/inventory/feed", consumes = "application/xml")
    public List<String> importFeed(@RequestBody byte[] xml) throws Exception {
        List<String> skus = new ArrayList<>();
        SAXParser parser = SAXParserFactory.newInstance().newSAXParser();
        parser.parse(new ByteArrayInputStream(xml), new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes attrs) {
                if ("item".equals(qName)) {
                    skus.add(attrs.getValue("sku"));
                }
            }
        });
        return skus;
    }
}
