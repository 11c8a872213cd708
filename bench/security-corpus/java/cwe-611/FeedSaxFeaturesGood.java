package com.example.feeds.web;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

@RestController
public class FeedSaxFeaturesGood {
    @PostMapping(value = "/feeds/parse", consumes = "application/xml")
    public List<String> parse(@RequestBody String xml) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        List<String> titles = new ArrayList<>();
        factory.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                if ("item".equals(qName)) {
                    titles.add(atts.getValue("title"));
                }
            }
        });
        return titles;
    }
}
