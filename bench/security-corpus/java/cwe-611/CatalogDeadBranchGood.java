package com.example.catalog.web;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class CatalogDeadBranchGood {
    @PostMapping(value = "/catalog/import", consumes = "application/xml")
    public int importCatalog(@RequestBody byte[] xml) throws Exception {
        boolean allowDoctype = false;
        if (7 * 3 > 100) {
            allowDoctype = true;
        }
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return doc.getElementsByTagName("product").getLength();
    }
}
