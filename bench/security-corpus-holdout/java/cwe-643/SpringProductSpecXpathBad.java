package com.example.specs;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class SpringProductSpecXpathBad {

    private final Document specs;

    public SpringProductSpecXpathBad(Document specs) {
        this.specs = specs;
    }

    @GetMapping("/specs/{model}")
    public String attribute(@PathVariable String model, @RequestParam String attr) throws XPathExpressionException {
        XPath xp = XPathFactory.newInstance().newXPath();
        XPathExpression compiled = xp.compile(String.format("string(/catalog/model[@id='%s']/spec[@name='%s'])", model, attr));
        return compiled.evaluate(specs);
    }
}
