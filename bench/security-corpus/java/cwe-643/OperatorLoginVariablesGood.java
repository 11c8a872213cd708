package com.example.ops.web;

import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@RestController
public class OperatorLoginVariablesGood {
    private Document operators;

    @PostMapping("/ops/login")
    public boolean login(@RequestParam String username, @RequestParam String pin) throws Exception {
        Map<String, String> vars = Map.of("login", username, "pin", pin);
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver((QName q) -> vars.get(q.getLocalPart()));
        NodeList matches = (NodeList) xpath.compile("//operator[login/text()=$login and pin/text()=$pin]")
                .evaluate(operators, XPathConstants.NODESET);
        return matches.getLength() > 0;
    }
}
