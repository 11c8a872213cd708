package com.example.people.web;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MailLookupQueryWhereGood {
    private final LdapTemplate ldapTemplate;

    public MailLookupQueryWhereGood(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/people/by-mail")
    public List<String> byMail(@RequestParam String email) {
        return ldapTemplate.search(
                LdapQueryBuilder.query().base("ou=people").where("objectClass").is("person").and("mail").is(email.trim()),
                (AttributesMapper<String>) attrs -> (String) attrs.get("cn").get());
    }
}
