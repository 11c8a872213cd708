package com.example.reports.web;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportTransformerRestrictedGood {
    @PostMapping(value = "/reports/normalize", consumes = "application/xml", produces = "application/xml")
    public String normalize(@RequestBody byte[] document) throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer transformer = tf.newTransformer();
        StringWriter out = new StringWriter();
        transformer.transform(new StreamSource(new ByteArrayInputStream(document)), new StreamResult(out));
        return out.toString();
    }
}
