package com.example.orders.web;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderDom4jReaderBad {
    @PostMapping("/orders/xml")
    public List<String> skus(@RequestParam("document") String document) throws DocumentException {
        SAXReader reader = new SAXReader();
        Document doc = reader.read(new StringReader(document.trim()));
        return doc.getRootElement().elements("item").stream()
                .map(e -> e.attributeValue("sku"))
                .collect(Collectors.toList());
    }
}
