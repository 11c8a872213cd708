package com.example.ops.web;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@RestController
public class OperatorLoginCompileBad {
    private final Document operators;

    public OperatorLoginCompileBad(Document operators) {
        this.operators = operators;
    }

    @PostMapping("/ops/login")
    public boolean login(@RequestParam String username, @RequestParam String pin) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String expr = "//operator[login/text()='" + username + "' and pin/text()='" + pin + "']";
        XPathExpression compiled = xpath.compile(expr);
        NodeList matches = (NodeList) compiled.evaluate(operators, XPathConstants.NODESET);
        return matches.getLength() > 0;
    }
}
