package com.example.specs;

import java.util.regex.Pattern;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.w3c.dom.Document;

@RestController
public class SpringProductSpecXpathGood {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private final Document specs;

    public SpringProductSpecXpathGood(Document specs) {
        this.specs = specs;
    }

    @GetMapping("/specs/{model}")
    public String attribute(@PathVariable String model, @RequestParam String attr) throws XPathExpressionException {
        if (!TOKEN.matcher(model).matches() || !TOKEN.matcher(attr).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        XPath xp = XPathFactory.newInstance().newXPath();
        XPathExpression compiled = xp.compile(String.format("string(/catalog/model[@id='%s']/spec[@name='%s'])", model, attr));
        return compiled.evaluate(specs);
    }
}
