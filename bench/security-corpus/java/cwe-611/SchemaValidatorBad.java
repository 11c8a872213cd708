package com.example.edi.web;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SchemaValidatorBad {
    private static final URL SCHEMA = SchemaValidatorBad.class.getResource("/xsd/purchase-order.xsd");

    @PostMapping(value = "/edi/validate", consumes = "application/xml")
    public String validate(@RequestBody String order) throws Exception {
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMA);
        Validator validator = schema.newValidator();
        validator.validate(new StreamSource(new StringReader(order)));
        return "valid";
    }
}
