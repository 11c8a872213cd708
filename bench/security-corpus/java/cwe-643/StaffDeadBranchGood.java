package com.example.staff.web;

import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class StaffDeadBranchGood {
    private Document staff;

    @GetMapping("/staff/first")
    public String first(@CookieValue(name = "dept", defaultValue = "") String dept) throws Exception {
        String path = "//employee[department='sales']/name";
        int num = 86;
        if ((7 * 42) - num < 200) {
            path = "//employee[department='" + dept + "']/name";
        }
        return XPathFactory.newInstance().newXPath().evaluate(path, staff);
    }
}
