package com.example.catalog.web;

import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@RestController
public class CatalogCategoryFormatBad {
    private Document catalog;

    @GetMapping("/catalog/categories/{category}")
    public List<String> skus(@PathVariable String category) throws Exception {
        String query = String.format("//product[@category='%s']/@sku", category.toLowerCase());
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(query, catalog, XPathConstants.NODESET);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            skus.add(nodes.item(i).getNodeValue());
        }
        return skus;
    }
}
