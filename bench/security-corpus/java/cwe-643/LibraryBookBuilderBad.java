package com.example.library.web;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class LibraryBookBuilderBad {
    private Document library;

    @GetMapping("/books/count")
    public String count(@RequestParam String author, @RequestParam(required = false) String year) throws Exception {
        StringBuilder query = new StringBuilder("count(//book[author='");
        query.append(author).append("'");
        if (year != null) {
            query.append(" and @year='").append(year).append("'");
        }
        query.append("])");
        XPath xpath = XPathFactory.newInstance().newXPath();
        return xpath.evaluate(query.toString(), library);
    }
}
