package com.example.library.web;

import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class LibraryYearParseGood {
    private Document library;

    @GetMapping("/books/by-year")
    public String count(@RequestParam String year) throws Exception {
        int y = Integer.parseInt(year);
        String query = "count(//book[@year=" + y + "])";
        return XPathFactory.newInstance().newXPath().evaluate(query, library);
    }
}
