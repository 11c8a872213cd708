package com.example.staff.web;

import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class StaffDepartmentCookieBad {
    private Document staff;

    @GetMapping("/staff/first")
    public String first(@CookieValue(name = "dept", required = false) String dept) throws Exception {
        String path;
        if (dept != null) {
            path = "//employee[department='" + dept + "']/name";
        } else {
            path = "//employee/name";
        }
        return XPathFactory.newInstance().newXPath().compile(path).evaluate(staff);
    }
}
